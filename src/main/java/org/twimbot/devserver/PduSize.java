package org.twimbot.devserver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Synapse's event size limit: an event whose PDU, as canonical JSON, is over {@link #MAX_PDU_BYTES}
 * is refused with 413 M_TOO_LARGE ({@code synapse/event_auth.py, _check_size_limits}:
 * {@code len(encode_canonical_json(event.get_pdu_json())) > MAX_PDU_SIZE}).
 *
 * <p>The dev homeserver keeps no PDUs, so the check measures one shaped like Synapse's for a room
 * version 10 event: the same fields, ids and hashes of the same lengths (three auth events, one prev
 * event, a sha256 hash, one ed25519 signature under key {@code ed25519:a_test}, {@code unsigned.age_ts})
 * around the real content, sender, room id and type. Canonical JSON (sorted keys, no spaces,
 * non-ASCII as raw UTF-8) has the byte length of Jackson's compact output, which escapes the same
 * characters; only the order of keys differs, and that does not change the length. Checked against
 * Synapse 1.67: the same largest content is accepted for ids of the same lengths (EventSizeTest).
 */
final class PduSize {
    static final int MAX_PDU_BYTES = 65_536;
    private static final String EVENT_ID = "$" + "e".repeat(43);
    private static final String HASH = "h".repeat(43);
    private static final String SIGNATURE = "s".repeat(86);

    private PduSize() {}

    /** 413 M_TOO_LARGE when the event would be too large for Synapse. */
    static void check(Room room, EventDraft d, long ts) {
        int size = bytes(room, d, ts);
        if (size > MAX_PDU_BYTES) throw new MatrixError(413, "M_TOO_LARGE", "event too large");
    }

    static int bytes(Room room, EventDraft d, long ts) {
        Map<String, Object> pdu = new LinkedHashMap<>();
        boolean create = "m.room.create".equals(d.type());
        pdu.put("auth_events", ids(create ? 0 : 3));
        pdu.put("prev_events", ids(create ? 0 : 1));
        pdu.put("type", d.type());
        pdu.put("room_id", room.roomId());
        pdu.put("sender", d.sender());
        pdu.put("content", d.content());
        if (d.stateKey() != null) pdu.put("state_key", d.stateKey());
        if (d.redacts() != null) pdu.put("redacts", d.redacts());
        pdu.put("depth", room.positions().size() + 1);
        pdu.put("prev_state", List.of());
        String origin = d.sender().substring(d.sender().indexOf(':') + 1);
        pdu.put("origin", origin);
        pdu.put("origin_server_ts", ts);
        pdu.put("hashes", Map.of("sha256", HASH));
        pdu.put("signatures", Map.of(origin, Map.of("ed25519:a_test", SIGNATURE)));
        pdu.put("unsigned", Map.of("age_ts", ts));
        return Json.write(pdu).length;
    }

    private static List<String> ids(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) ids.add(EVENT_ID);
        return ids;
    }
}
