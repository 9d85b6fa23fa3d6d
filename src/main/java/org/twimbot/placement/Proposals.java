package org.twimbot.placement;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the name of a project the news is about when the catalog does not know it: the sender's lead
 * ("Vtx: …"), a link in the first sentence whose text is a name ("The [MX-Puppet-VK](…) bridge"), a bold
 * name at the start, "a plugin called X", or "X 1.2 is out". A candidate must look like a name (a capital
 * inside it, a digit, a hyphen, or several capitalised words); a plain capitalised word only counts where
 * the sentence says it is a name. Names the catalog already has are not proposed.
 */
final class Proposals {
    private Proposals() {}

    /** A proposed name and the link that came with it (may be empty). */
    record Candidate(String title, String website) {}

    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._+-]*");
    private static final Pattern CALLED =
            Pattern.compile("\\b(?:called|named)\\s+(\\p{Lu}[\\p{L}\\p{N}._+-]*\\p{L}|\\p{Lu}[\\p{L}\\p{N}]*)");
    private static final Pattern RELEASED = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(\\p{L}[\\p{L}\\p{N}._+-]*)\\s+v?\\d+(?:\\.\\d+)+\\S*\\s+(?:is out|is released|has been released|released|is available|is here)");
    private static final int MAX_WORDS = 3;

    /** A candidate where the news opens: the sender's lead, a link or bold name in the first sentence. */
    static Optional<Candidate> inOpening(NewsText text, ProjectNames names) {
        if (!text.lead().isEmpty() && nameLike(text.lead()) && unknown(text.lead(), names)) {
            return Optional.of(new Candidate(text.lead(), linkFor(text, text.lead())));
        }
        for (NewsText.Link l : text.links()) {
            String t = l.text().strip();
            if (t.isEmpty() || !text.firstSentence().contains(t) || l.href().startsWith("https://matrix.to/")) continue;
            if (nameLike(t) && unknown(t, names)) return Optional.of(new Candidate(t, l.href()));
        }
        for (String e : text.emphasised()) {
            String t = e.strip();
            if (text.firstSentence().contains(t) && nameLike(t) && unknown(t, names))
                return Optional.of(new Candidate(t, linkFor(text, t)));
        }
        return Optional.empty();
    }

    /** A candidate anywhere the text says it is a name: "a plugin called X", "X 1.2 is out". */
    static Optional<Candidate> find(NewsText text, ProjectNames names) {
        for (Pattern p : new Pattern[] {CALLED, RELEASED}) {
            Matcher m = p.matcher(text.text());
            if (m.find() && unknown(m.group(1), names)) {
                return Optional.of(new Candidate(m.group(1), linkFor(text, m.group(1))));
            }
        }
        return Optional.empty();
    }

    /** A name, not a phrase: at most three words, and a capital inside a word, a digit or a hyphen, or all words capitalised. */
    static boolean nameLike(String s) {
        String[] words = s.strip().split("\\s+");
        if (words.length > MAX_WORDS || s.length() > 40) return false;
        for (String w : words) if (!TOKEN.matcher(w).matches()) return false;
        if (words.length == 1) {
            String w = words[0];
            return !ProjectNames.isOrdinaryWord(w) && w.chars().anyMatch(Character::isLetter);
        }
        for (String w : words)
            if (!Character.isUpperCase(w.codePointAt(0)) && !Character.isDigit(w.codePointAt(0))) return false;
        return true;
    }

    private static boolean unknown(String name, ProjectNames names) {
        return names.find(name).isEmpty();
    }

    /** The first link whose address contains the name (as one word, lower case): its website or repository. */
    private static String linkFor(NewsText text, String name) {
        String n = name.toLowerCase(Locale.ROOT).replaceAll("\\s+", "-");
        for (NewsText.Link l : text.links()) {
            if (!l.href().startsWith("https://matrix.to/")
                    && l.href().toLowerCase(Locale.ROOT).contains(n)) return l.href();
        }
        return "";
    }
}
