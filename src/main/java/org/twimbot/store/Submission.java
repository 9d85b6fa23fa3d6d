package org.twimbot.store;

/**
 * A stored submission. {@code number} is its short number within the edition ({@code #12});
 * {@code html} is null when the message had no formatted body. Deleted (redacted) and rejected
 * submissions stay in the database and are filtered where it matters; {@code withdrawn} ones
 * come back when an edit restores the prefix.
 */
public record Submission(
        long id,
        long editionId,
        int number,
        Posted posted,
        boolean deleted,
        boolean rejected,
        Long editedTs,
        Long draftedTs,
        boolean withdrawn)
        implements SubmissionRef {

    /** In the draft: not redacted, not rejected, not withdrawn by an edit that removed the prefix. */
    public boolean live() {
        return !deleted && !rejected && !withdrawn;
    }

    @Override
    public String eventId() {
        return posted.eventId();
    }

    @Override
    public String roomId() {
        return posted.roomId();
    }

    @Override
    public String sender() {
        return posted.sender();
    }

    public long originTs() {
        return posted.originTs();
    }

    /** The text as stored: the latest edit's when it was edited. */
    public String body() {
        return posted.body();
    }

    public String html() {
        return posted.html();
    }
}
