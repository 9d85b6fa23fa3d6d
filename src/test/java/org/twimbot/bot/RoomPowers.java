package org.twimbot.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.twimbot.app.DemoWeek;
import org.twimbot.matrix.MatrixClient;
import org.twimbot.matrix.RetryPolicy;
import org.twimbot.matrix.Session;

/** Changes a user's power level in a dev-homeserver room, as the demo week's editor (who created the rooms). */
public final class RoomPowers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RoomPowers() {}

    /** Kicks {@code userId} from the room, as the demo week's editor. */
    static void kick(String baseUrl, DemoWeek week, String roomId, String userId) throws Exception {
        try (MatrixClient admin = new MatrixClient(baseUrl, RetryPolicy.fast())) {
            Session s = admin.loginWithPassword(week.editorUserId(), DemoWeek.PASSWORD, null, null);
            Request post = new Request.Builder()
                    .url(okhttp3.HttpUrl.get(baseUrl)
                            .newBuilder()
                            .addPathSegments("_matrix/client/v3/rooms")
                            .addPathSegment(roomId)
                            .addPathSegment("kick")
                            .build())
                    .header("Authorization", "Bearer " + s.accessToken())
                    .post(RequestBody.create(
                            JSON.writeValueAsBytes(JSON.createObjectNode().put("user_id", userId)),
                            MediaType.get("application/json")))
                    .build();
            try (Response r = new OkHttpClient().newCall(post).execute()) {
                assertEquals(200, r.code(), () -> "could not kick " + userId + ": " + r.code());
            }
        }
    }

    static void set(String baseUrl, DemoWeek week, String roomId, String userId, int level) throws Exception {
        update(baseUrl, week, roomId, levels -> levels.with("users").put(userId, level));
    }

    /** Changes the room's power levels content in place, e.g. the level needed for an event type. */
    public static void update(String baseUrl, DemoWeek week, String roomId, Consumer<ObjectNode> change)
            throws Exception {
        try (MatrixClient admin = new MatrixClient(baseUrl, RetryPolicy.fast())) {
            Session s = admin.loginWithPassword(week.editorUserId(), DemoWeek.PASSWORD, null, null);
            ObjectNode levels =
                    admin.roomState(roomId, "m.room.power_levels", "").deepCopy();
            change.accept(levels);
            Request put = new Request.Builder()
                    .url(okhttp3.HttpUrl.get(baseUrl)
                            .newBuilder()
                            .addPathSegments("_matrix/client/v3/rooms")
                            .addPathSegment(roomId)
                            .addPathSegments("state/m.room.power_levels/")
                            .build())
                    .header("Authorization", "Bearer " + s.accessToken())
                    .put(RequestBody.create(JSON.writeValueAsBytes(levels), MediaType.get("application/json")))
                    .build();
            try (Response r = new OkHttpClient().newCall(put).execute()) {
                assertEquals(200, r.code(), () -> "could not change the power levels: " + r.code());
            }
        }
    }
}
