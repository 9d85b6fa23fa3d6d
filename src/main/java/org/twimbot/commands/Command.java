package org.twimbot.commands;

import java.sql.SQLException;
import org.twimbot.curation.HintBudget;
import org.twimbot.intake.Action;
import org.twimbot.outbox.Payload;
import org.twimbot.outbox.Replies;
import org.twimbot.store.StoreTx;

/** One editor command: its usage line for {@code !help} and what it does. */
record Command(String usage, String help, Handler handler) {

    @FunctionalInterface
    interface Handler {
        void run(StoreTx tx, Action.Command c, Answer answer) throws SQLException;
    }

    /** Replies to the command in {@code roomId}: the editors room, unless a non-editor's own {@code !twim} is answered. */
    record Answer(Replies replies, Action.Command command, HintBudget hints, String roomId) {
        /** What the command was asked for (a status, a list, a confirmation): always sent. */
        void say(String text) throws SQLException {
            replies.notice(roomId, command.origin().eventId(), Payload.ANSWER, text);
        }

        /** An answer addressed to {@code userId}: {@code {user}} becomes a pill that notifies them. */
        void sayTo(String userId, String text) throws SQLException {
            replies.noticeTo(command.origin().roomId(), command.origin().eventId(), Payload.ANSWER, userId, text);
        }

        /** Someone's display name, for a line that mentions them without notifying them. */
        String name(String userId) throws SQLException {
            return replies.nameOf(command.origin().roomId(), userId);
        }

        /**
         * That the command could not be run as given (unknown, bad arguments, nothing found): sent
         * within the sender's {@link HintBudget}, so a flood of mistakes cannot become a flood of notices.
         */
        void hint(String text) throws SQLException {
            String sender = command.origin().sender();
            hints.tell(
                    sender,
                    command.origin().eventId(),
                    () -> say(text),
                    () -> sayTo(
                            sender,
                            "Slowing down: {user}, "
                                    + "that is more than " + HintBudget.PER_SENDER
                                    + " commands in a minute I could not run. I will not "
                                    + "answer mistaken commands from you for a minute; valid ones are still answered."));
        }
    }
}
