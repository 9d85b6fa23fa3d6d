package org.twimbot.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.twimbot.matrix.RoomEvent;

class IntakeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROOM = "!subs:example.org";
    private static final String EDITORS = "!eds:example.org";
    private final Intake intake = new Intake(
            "@twimbot:example.org", ROOM, EDITORS, "!", new SubmissionText("@twimbot:example.org", "TWIM Bot"));

    private static RoomEvent event(String room, String sender, String type, String contentJson) throws Exception {
        return new RoomEvent(
                "$e" + System.nanoTime(),
                room,
                sender,
                type,
                1000,
                null,
                null,
                (ObjectNode) JSON.readTree(contentJson),
                null);
    }

    @Test
    void aPrefixedMessageInTheSubmissionsRoomIsASubmission() throws Exception {
        var a = intake.interpret(
                event(ROOM, "@alice:x", "m.room.message", "{\"msgtype\":\"m.text\",\"body\":\"TWIM: hi\"}"));
        Action.Submit s = assertInstanceOf(Action.Submit.class, a.orElseThrow());
        assertEquals("hi", s.body());
        assertTrue(
                intake.interpret(event(
                                EDITORS,
                                "@alice:x",
                                "m.room.message",
                                "{\"msgtype\":\"m.text\",\"body\":\"TWIM: hi\"}"))
                        .isEmpty(),
                "news belongs in the submissions room");
    }

    @Test
    void aMessageRedactedBeforeTheBotSawItIsSkippedWithoutAWarningWhileAMalformedOneIsReported() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(Intake.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            RoomEvent redacted = new RoomEvent(
                    "$gone",
                    ROOM,
                    "@a:x",
                    "m.room.message",
                    1,
                    null,
                    null,
                    (ObjectNode) JSON.readTree("{}"),
                    (ObjectNode)
                            JSON.readTree(
                                    "{\"redacted_because\":{\"type\":\"m.room.redaction\",\"sender\":\"@a:x\",\"redacts\":\"$gone\"}}"));
            assertTrue(intake.interpret(redacted).isEmpty());
            assertTrue(
                    logged.list.stream().noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN)),
                    logged.list.toString());

            assertTrue(intake.interpret(event(ROOM, "@a:x", "m.room.message", "{}"))
                    .isEmpty());
            assertTrue(
                    logged.list.stream()
                            .anyMatch(e -> e.getLevel() == Level.WARN
                                    && e.getFormattedMessage().contains("without msgtype or body")),
                    logged.list.toString());
        } finally {
            logger.detachAppender(logged);
        }
    }

    @Test
    void commandsAreParsedInEitherRoom() throws Exception {
        var a = intake.interpret(
                event(EDITORS, "@ed:x", "m.room.message", "{\"msgtype\":\"m.text\",\"body\":\"!Assign 3  Synapse\"}"));
        Action.Command c = assertInstanceOf(Action.Command.class, a.orElseThrow());
        assertEquals("assign", c.name());
        assertEquals(List.of("3", "Synapse"), c.args());
        assertEquals("3  Synapse", c.rawArgs());
        assertTrue(intake.interpret(event(ROOM, "@ed:x", "m.room.message", "{\"msgtype\":\"m.text\",\"body\":\"!!!\"}"))
                .isEmpty());
    }

    @Test
    void ignoresItsOwnEventsOtherRoomsNoticesAndDisguisedState() throws Exception {
        assertTrue(intake.interpret(event(
                        ROOM,
                        "@twimbot:example.org",
                        "m.room.message",
                        "{\"msgtype\":\"m.text\",\"body\":\"TWIM: me\"}"))
                .isEmpty());
        assertTrue(intake.interpret(event(
                        "!other:x", "@a:x", "m.room.message", "{\"msgtype\":\"m.text\",\"body\":\"TWIM: elsewhere\"}"))
                .isEmpty());
        assertTrue(intake.interpret(
                        event(ROOM, "@a:x", "m.room.message", "{\"msgtype\":\"m.notice\",\"body\":\"TWIM: a bot\"}"))
                .isEmpty());
        RoomEvent disguised = new RoomEvent(
                "$s",
                ROOM,
                "@a:x",
                "m.room.message",
                1,
                "",
                null,
                (ObjectNode) JSON.readTree("{\"msgtype\":\"m.text\",\"body\":\"TWIM: state\"}"),
                null);
        assertTrue(intake.interpret(disguised).isEmpty());
        assertTrue(intake.interpret(event(ROOM, "@a:x", "m.room.message", "{\"msgtype\":42,\"body\":[]}"))
                .isEmpty());
    }

    @Test
    void reactionsRedactionsEditsAndMedia() throws Exception {
        var react = intake.interpret(event(
                        ROOM,
                        "@ed:x",
                        "m.reaction",
                        "{\"m.relates_to\":{\"rel_type\":\"m.annotation\",\"event_id\":\"$t\",\"key\":\"🏢\"}}"))
                .orElseThrow();
        assertEquals("$t", assertInstanceOf(Action.React.class, react).targetEventId());
        var redact = intake.interpret(event(ROOM, "@a:x", "m.room.redaction", "{\"redacts\":\"$t\"}"))
                .orElseThrow();
        assertEquals("$t", assertInstanceOf(Action.Redact.class, redact).targetEventId());
        var edit = intake.interpret(event(
                        ROOM,
                        "@a:x",
                        "m.room.message",
                        "{\"msgtype\":\"m.text\",\"body\":\"* TWIM: new\","
                                + "\"m.new_content\":{\"msgtype\":\"m.text\",\"body\":\"TWIM: new\"},"
                                + "\"m.relates_to\":{\"rel_type\":\"m.replace\",\"event_id\":\"$t\"}}"))
                .orElseThrow();
        assertEquals("TWIM: new", assertInstanceOf(Action.Edit.class, edit).newBody());
        var media = intake.interpret(event(
                        ROOM,
                        "@a:x",
                        "m.room.message",
                        "{\"msgtype\":\"m.image\",\"body\":\"shot.png\","
                                + "\"url\":\"mxc://x/abc\",\"info\":{\"mimetype\":\"image/png\"},"
                                + "\"m.relates_to\":{\"m.in_reply_to\":{\"event_id\":\"$t\"}}}"))
                .orElseThrow();
        Action.Media m = assertInstanceOf(Action.Media.class, media);
        assertEquals("image", m.kind());
        assertEquals("$t", m.relatedEventId());
        assertEquals("image/png", m.mimeType());
        assertTrue(intake.interpret(event(
                        ROOM,
                        "@ed:x",
                        "m.reaction",
                        "{\"m.relates_to\":{\"rel_type\":\"m.annotation\",\"event_id\":\"$t\",\"key\":\""
                                + "x".repeat(300) + "\"}}"))
                .isEmpty());
    }

    @Test
    void inThePingRoomOnlyThePingBotsAnswersMeanSomething() throws Exception {
        String ping = "!ping:maunium.net";
        Intake withPing = new Intake(
                "@twimbot:example.org",
                ROOM,
                EDITORS,
                "!",
                new SubmissionText("@twimbot:example.org", "TWIM Bot"),
                ping);
        String pong = "{\"msgtype\":\"m.notice\",\"body\":\"@a:neko.dev: Pong! (ping took 318 ms to arrive)\","
                + "\"pong\":{\"ms\":318,\"from\":\"neko.dev\",\"ping\":\"$p\"}}";
        Action.Pong p = assertInstanceOf(
                Action.Pong.class,
                withPing.interpret(event(ping, "@pingbot:maunium.net", "m.room.message", pong))
                        .orElseThrow());
        assertEquals("neko.dev", p.server());
        assertEquals(318, p.ms());
        // the !ping itself is not a command for twimbot, chat and TWIM: lines there are not news, members not stored
        assertTrue(withPing.interpret(
                        event(ping, "@a:neko.dev", "m.room.message", "{\"msgtype\":\"m.text\",\"body\":\"!ping\"}"))
                .isEmpty());
        assertTrue(withPing.interpret(event(
                        ping, "@a:neko.dev", "m.room.message", "{\"msgtype\":\"m.text\",\"body\":\"TWIM: my news\"}"))
                .isEmpty());
        RoomEvent join = new RoomEvent(
                "$j",
                ping,
                "@a:neko.dev",
                "m.room.member",
                1,
                "@a:neko.dev",
                null,
                (ObjectNode) JSON.readTree("{\"membership\":\"join\"}"),
                null);
        assertTrue(withPing.interpret(join).isEmpty());
        // the same answer elsewhere is nothing: only the configured ping room is read for pongs
        assertTrue(withPing.interpret(event(ROOM, "@pingbot:maunium.net", "m.room.message", pong))
                .isEmpty());
        assertTrue(
                intake.interpret(event(ping, "@pingbot:maunium.net", "m.room.message", pong))
                        .isEmpty(),
                "without a ping room the room is not read at all");
    }
}
