package org.twimbot.commands;

import java.sql.SQLException;
import org.twimbot.intake.Action;
import org.twimbot.store.StoreTx;

/** One editor command: its usage line for {@code !help} and what it does. */
record Command(String usage, String help, Handler handler) {

    @FunctionalInterface
    interface Handler {
        void run(StoreTx tx, Action.Command c, Answer answer) throws SQLException;
    }

    /** Replies to the command in the room it came from. */
    record Answer(Replies replies, Action.Command command) {
        void say(String text) throws SQLException {
            replies.notice(command.event().roomId(), command.event().eventId(), "answer", text);
        }
    }
}
