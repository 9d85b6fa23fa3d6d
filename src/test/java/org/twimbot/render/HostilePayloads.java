package org.twimbot.render;

import java.util.ArrayList;
import java.util.List;

/** Text that must not reach a CommonMark 0.31 / Zola site as HTML, a script link or a shortcode: the corpus' pieces. */
public final class HostilePayloads {
    private HostilePayloads() {}

    /** The block tag names of CommonMark 0.31's HTML block condition 6. */
    public static final List<String> BLOCK_TAGS = List.of(
            "address",
            "article",
            "aside",
            "base",
            "basefont",
            "blockquote",
            "body",
            "caption",
            "center",
            "col",
            "colgroup",
            "dd",
            "details",
            "dialog",
            "dir",
            "div",
            "dl",
            "dt",
            "fieldset",
            "figcaption",
            "figure",
            "footer",
            "form",
            "frame",
            "frameset",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "head",
            "header",
            "hr",
            "html",
            "iframe",
            "legend",
            "li",
            "link",
            "main",
            "menu",
            "menuitem",
            "nav",
            "noframes",
            "ol",
            "optgroup",
            "option",
            "p",
            "param",
            "search",
            "section",
            "summary",
            "table",
            "tbody",
            "td",
            "tfoot",
            "th",
            "thead",
            "title",
            "tr",
            "track",
            "ul");

    /** Every HTML block start condition (1 to 7), the payloads, and raw HTML that is inline for both parsers. */
    public static List<String> htmlBlockStarts() {
        List<String> starts = new ArrayList<>(List.of(
                "<script>alert(1)</script>",
                "<SCRIPT>alert(1)",
                "<script",
                "<pre>x",
                "<PRE\nclass=x>",
                "<style>x",
                "<textarea>x",
                "<!-- c -->",
                "<!--",
                "<!---->",
                "<?php x ?>",
                "<?",
                "<!doctype>",
                "<!doctype html>",
                "<!DOCTYPE html>",
                "<!x",
                "<!a b",
                "<!ELEMENT br EMPTY>",
                "<![CDATA[ x ]]>",
                "<![CDATA[",
                "<foo bar=\"baz\">",
                "</foo>",
                "<a href=\"x\">",
                "<x-y>",
                "<img src=x onerror=alert(1)>",
                "<svg/onload=alert(1)>",
                "<iframe src=\"https://evil.example\"></iframe>",
                "<!doctype> ``<script>alert('twim')</script>`` ",
                "<details><summary>open</summary>hidden</details>",
                "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
                "<scr<script>ipt>alert(1)</script>",
                "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
                "<b>bold</b>",
                "<x onclick=alert(1)/>"));
        for (String tag : BLOCK_TAGS) {
            starts.add("<" + tag + " onclick=alert(1)>");
            starts.add("</" + tag + ">");
            starts.add("<" + tag.toUpperCase() + "/>");
        }
        return starts;
    }

    /** Script targets, plain, in mixed case and obfuscated with character references, escapes and leading blanks. */
    public static final List<String> SCRIPT_TARGETS = List.of(
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "data:text/html;base64,PHNjcmlwdD4=",
            "vbscript:msgbox(1)",
            "VBScript:x",
            "jav&#x61;script:alert(1)",
            "javascript&colon;alert(1)",
            "&#106;avascript:alert(1)",
            "java&#9;script:alert(1)",
            "javascript\\:alert(1)",
            "&#32;javascript:alert(1)",
            "&#x01;javascript:alert(1)",
            "data&#58;text/html,x",
            "vb&#x73;cript:x",
            "&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)",
            "javas&#99;ript:x");

    /** Every way Markdown and HTML link: inline, angle-bracketed, titled, images, references, autolinks, HTML attributes. */
    public static final List<String> LINK_FORMS = List.of(
            "[x](%s)",
            "[x](<%s>)",
            "[x](%s \"title\")",
            "![x](%s)",
            "[x]\n\n[x]: %s",
            "[x][r]\n\n[r]: <%s>",
            "[r]:\n  %s\n\n[r]",
            "<%s>",
            "<a href=\"%s\">tap</a>",
            "<img src=\"%s\">",
            "![i][i]\n\n[i]: %s 't'",
            "[a [nested](%s) b](https://ok.example)",
            "| [x](%s) |\n|-|");

    public static List<String> links() {
        List<String> links = new ArrayList<>();
        for (String form : LINK_FORMS) for (String target : SCRIPT_TARGETS) links.add(form.formatted(target));
        return links;
    }

    public static final List<String> SHORTCODES = List.of(
            "{{ youtube(id=\"x\") }}",
            "{% youtube(id=\"x\") %}body{% end %}",
            "{{/* youtube() */}}",
            "`{{ youtube(id=\"x\") }}`",
            "```\n{{ youtube(id=\"x\") }}\n{% note() %}\nx\n{% end %}\n```",
            "{{< video src=\"x\" >}}",
            "{%raw%}",
            "{{x}}",
            "{{ a(x=\"\n\") }}",
            "`{{ youtube(id=\"`",
            "{{{ triple() }}}",
            "    {{ indented(x=1) }}",
            "{% end %}",
            "${{ secrets.TOKEN }}",
            "{{youtube(id='x')}}",
            "`{%`{{ b() }}");

    public static final List<String> FENCES_AND_ENTITIES = List.of(
            "+++",
            "---",
            "+++\ntitle = \"pwned\"\n+++",
            "---\ntitle: x\n---",
            "## Heading",
            "# H1",
            "Setext\n===",
            "&lt;script&gt;alert(1)&lt;/script&gt;",
            "&#60;script&#62;",
            "&amp;lt;script&amp;gt;",
            "&#x3C;img src=x onerror=alert(1)&#x3E;",
            "\\<script>alert(1)</script>",
            "@room",
            "\u202Eevil",
            "\u0000",
            "\t<script>x",
            "| `x | <script>alert(1)</script>` |\n|-|-|");

    /** Where a line starts once quoted: at the quote, after list markers, in nested quotes, after line separators. */
    public static final List<String> CONTEXTS = List.of(
            "%s",
            "para\n%s",
            "- %s",
            "1. %s",
            "* - %s",
            "> %s",
            "> > %s",
            "para\u2028%s",
            "para\u0085%s",
            "para\u2029%s",
            "   %s",
            "- a\n\n  %s",
            "> - %s",
            "| a |\n|-|\n| %s |",
            "text ``%s`` text",
            "`x` %s `y`",
            "``\n%s\n``",
            "[x](y) %s",
            "*%s*",
            "para\n\n%s\n\npara");
}
