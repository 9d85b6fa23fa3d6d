package org.twimbot.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SubmissionTextTest {
    private final SubmissionText text = new SubmissionText("@twimbot:example.org", "TWIM Bot");

    private SubmissionText.Stripped recognise(String body, String html) {
        return text.recognise(body, html).orElseThrow(() -> new AssertionError("not recognised: " + body));
    }

    @Test
    void recognisesThePrefixWithColonOrWhitespaceCaseInsensitively() {
        assertEquals(
                "Synapse 1.70 is out",
                recognise("TWIM: Synapse 1.70 is out", null).body());
        assertEquals(
                "Synapse 1.70 is out",
                recognise("  twim Synapse 1.70 is out", null).body());
        assertEquals("multi\nline", recognise("Twim:\nmulti\nline", null).body());
        assertEquals("x", recognise("TWIM:x", null).body());
    }

    @Test
    void aWordThatMerelyStartsWithTwimIsNotASubmission() {
        assertTrue(text.recognise("TWIMday is Friday", null).isEmpty());
        assertTrue(text.recognise("I love TWIM: really", null).isEmpty());
        assertTrue(text.recognise("hello", null).isEmpty());
    }

    @Test
    void stripsThePrefixFromTheHtmlBodyWithoutBreakingItsTags() {
        var s = recognise("TWIM: **Nheko** rocks", "<p>TWIM: <strong>Nheko</strong> rocks</p>");
        assertEquals("<p><strong>Nheko</strong> rocks</p>", s.html());
        assertEquals("<b>x</b>", recognise("TWIM: x", "TWIM:<b>x</b>").html());
    }

    @Test
    void recognisesMentionsOfTheBot() {
        assertEquals("news", recognise("@twimbot:example.org: news", null).body());
        assertEquals("news", recognise("TWIM Bot: news", null).body());
        assertEquals("news", recognise("@twimbot: news", null).body());
        var pill = recognise(
                "TWIM Bot: news here",
                "<a href=\"https://matrix.to/#/@twimbot:example.org\">TWIM Bot</a>: news <i>here</i>");
        assertEquals("news here", pill.body());
        assertEquals("news <i>here</i>", pill.html());
        SubmissionText newsbot = new SubmissionText("@newsbot:example.org", "Newsbot");
        assertEquals("hi", newsbot.recognise("Newsbot: hi", null).orElseThrow().body());
        assertTrue(
                newsbot.recognise("Newsbot is great", null).isEmpty(), "the display name without a colon is chatter");
    }

    @Test
    void dropsTheReplyFallback() {
        var s = recognise(
                "> <@alice:example.org> earlier message\n> second line\n\nTWIM: the news",
                "<mx-reply><blockquote>earlier</blockquote></mx-reply>TWIM: the <b>news</b>");
        assertEquals("the news", s.body());
        assertEquals("the <b>news</b>", s.html());
    }
}
