package org.twimbot.app;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.twimbot.matrix.RoomEvent;

/**
 * The scripted week the demo plays on the dev homeserver: six people post news (one with a
 * picture, one edits a typo, one deletes a post), an editor sorts it with reactions, a
 * non-editor's reaction is ignored, and the editor asks for the draft.
 */
public final class DemoWeek implements AutoCloseable {
    public static final String PASSWORD = "demo-password";
    public static final String BOT_LOCALPART = "twimbot";
    public static final String ROOM_ALIAS_LOCALPART = "twim";

    private final String baseUrl;
    private final String serverName;
    private final Map<String, ScriptedUser> people = new LinkedHashMap<>();
    private ScriptedUser editor;
    private String roomId;

    public DemoWeek(String baseUrl, String serverName) {
        this.baseUrl = baseUrl;
        this.serverName = serverName;
    }

    public String botUserId() {
        return "@" + BOT_LOCALPART + ":" + serverName;
    }

    public String editorUserId() {
        return "@thib:" + serverName;
    }

    public String roomAlias() {
        return "#" + ROOM_ALIAS_LOCALPART + ":" + serverName;
    }

    public String roomId() {
        return roomId;
    }

    public ScriptedUser editor() {
        return editor;
    }

    public ScriptedUser person(String localpart) {
        return people.get(localpart);
    }

    /** Registers the bot account, the editor and the submitters; the editor creates the public room. */
    public void cast() throws IOException {
        ScriptedUser.register(baseUrl, BOT_LOCALPART, PASSWORD, "TWIM Bot").close();
        editor = ScriptedUser.register(baseUrl, "thib", PASSWORD, "Thib");
        roomId = editor.client().createRoom(ROOM_ALIAS_LOCALPART, "This Week in Matrix", true);
        String[][] cast = {
            {"alice", "Alice"},
            {"bob", "Bob"},
            {"carol", "Carol"},
            {"dave", "Dave"},
            {"erin", "Erin"},
            {"frank", "Frank"}
        };
        for (String[] p : cast) {
            ScriptedUser u = ScriptedUser.register(baseUrl, p[0], PASSWORD, p[1]);
            u.join(roomId);
            people.put(p[0], u);
        }
    }

    /** Monday to Thursday: the news, and the editor's sorting. Returns the event ids of the live submissions. */
    public List<String> play() throws IOException {
        List<String> live = new ArrayList<>();
        String synapse = person("alice")
                .say(
                        roomId,
                        "TWIM: Synapse 1.70 is out! This release adds support for "
                                + "authenticated media and makes room joins faster. Upgrade notes are in the changelog.");
        String nheko = person("bob")
                .sayHtml(
                        roomId,
                        "TWIM: Nheko now supports threads and polls.\n\n- threads\n- polls",
                        "TWIM: <b>Nheko</b> now supports threads and polls.<ul><li>threads</li><li>polls</li></ul>");
        String spec = person("carol")
                .say(
                        roomId,
                        "TWIM: Here's your weekly spec update! MSC3916 (authentication for media) "
                                + "entered final comment period, and the spec now documents room version 11.");
        String maubot = person("dave")
                .say(roomId, "TWIM: maubot 0.5 is released with a new plugin API and a web UI for " + "managing bots.");
        String trixnity = person("erin")
                .say(
                        roomId,
                        "TWIM: Trixnity 4.0 is out: the Kotlin SDK now runs on iOS as well. "
                                + "Here is the new sample app:");
        String conduit =
                person("alice").say(roomId, "TWIM: Conduit 0.9 brings faster state resolution and admin commands.");
        String typo = person("frank").say(roomId, "TWIM: The Foundation welcomes ten new memebrs this wek!");
        String mistake = person("carol").say(roomId, "TWIM: (wrong room, please ignore)");
        String unsorted = person("dave")
                .say(roomId, "TWIM: Our community meetup in Berlin had 40 people and great talks " + "about bridges.");
        person("bob").say(roomId, "Nice week, everyone!"); // chatter: not news
        person("erin").replyWithImage(roomId, trixnity, demoPicture(), "trixnity-sample.png");
        person("frank").edit(roomId, typo, "TWIM: The Foundation welcomes ten new members this week!");
        person("carol").redact(roomId, mistake);
        person("frank").react(roomId, conduit, "🏢"); // not an editor: ignored
        editor.react(roomId, synapse, "Synapse");
        editor.react(roomId, nheko, "Nheko");
        editor.react(roomId, spec, "📜");
        editor.react(roomId, maubot, "maubot");
        editor.react(roomId, trixnity, "Trixnity");
        editor.react(roomId, conduit, "Conduit");
        editor.react(roomId, typo, "🙆");
        live.addAll(List.of(synapse, nheko, spec, maubot, trixnity, conduit, typo, unsorted));
        return live;
    }

    /** Friday: the editor sends {@code !draft} and waits for the bot's upload; returns the Markdown. */
    public String requestDraft(Duration timeout) throws IOException {
        editor.catchUp();
        editor.say(roomId, "!draft");
        // the summary notice follows the file; waiting for it lets the bot finish before the demo stops it.
        // One wait for both: they often arrive in the same sync batch, and a second wait would miss the notice.
        AtomicReference<RoomEvent> file = new AtomicReference<>();
        editor.await(
                roomId,
                e -> {
                    if (!botUserId().equals(e.sender())) return false;
                    if ("m.file".equals(e.msgtype())) file.set(e);
                    return file.get() != null
                            && "m.notice".equals(e.msgtype())
                            && e.body() != null
                            && e.body().startsWith("Draft for");
                },
                timeout);
        if (file.get() == null) throw new IOException("the bot did not upload a draft within " + timeout);
        String mxc = file.get().content().path("url").asText();
        return new String(editor.client().download(mxc, 10_000_000), StandardCharsets.UTF_8);
    }

    /** A small generated picture, so the demo needs no files. */
    public static byte[] demoPicture() {
        System.setProperty("java.awt.headless", "true");
        BufferedImage img = new BufferedImage(96, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(0x0D, 0xBD, 0x8B));
        g.fillRect(0, 0, 96, 48);
        g.setColor(Color.WHITE);
        g.fillRect(12, 12, 72, 24); // shapes only: text would need fonts a slim JRE image may lack
        g.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        people.values().forEach(ScriptedUser::close);
        if (editor != null) editor.close();
    }
}
