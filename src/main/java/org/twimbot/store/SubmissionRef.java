package org.twimbot.store;

/**
 * What curation needs to name a submission and decide about it: which one, in which edition, whose, and
 * whether an edit withdrew it. Reactions, edits, media and redactions look submissions up by event id
 * thousands of times in a catch-up; reading {@link Header} instead of the whole {@link Submission} leaves
 * its four text columns on disk.
 */
public interface SubmissionRef {
    long id();

    long editionId();

    int number();

    String eventId();

    String roomId();

    String sender();

    boolean withdrawn();

    /** A submission's identity and flags, without its text. */
    record Header(long id, long editionId, int number, String eventId, String roomId, String sender, boolean withdrawn)
            implements SubmissionRef {}
}
