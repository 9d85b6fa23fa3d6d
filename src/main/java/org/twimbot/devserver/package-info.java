/**
 * An in-memory Matrix homeserver for the demo, the end-to-end tests and the benchmark; never
 * for production. Entry point: {@link org.twimbot.devserver.DevServer}.
 *
 * <h2>Implemented (client-server API, {@code v3} and {@code r0} prefixes)</h2>
 * versions, capabilities; register (UIA with m.login.dummy), register/available; login
 * (m.login.password, device id reuse), logout, account/whoami; profile and displayname
 * (a new name emits m.room.member in joined rooms); user filters; createRoom (presets, alias,
 * name, topic, invite, initial_state, power_level_content_override, is_direct);
 * directory/room aliases; join by id or alias, invite, leave (also rejects invites), kick,
 * joined_rooms, joined_members, members; send (transaction ids per access token and path),
 * redact (room v11 redaction algorithm), state get/put (power levels and the power-level
 * change rules enforced), event, context, messages; sync (filters, long-poll, limited
 * timelines with prev_batch, invites, left rooms); media upload, legacy and authenticated
 * download, media config.
 *
 * <h2>Not implemented (answer 404 M_UNRECOGNIZED or are ignored)</h2>
 * Federation; end-to-end encryption, keys and to-device messages; presence, typing,
 * receipts and read markers (sync returns empty ephemeral/presence sections); account data;
 * push rules; bans/unbans; knocking and restricted joins; guests; devices API; password
 * changes; thumbnails and URL previews; lazy-loading members and {@code event_fields};
 * relations/threads endpoints; room upgrades; history visibility (every member sees the
 * whole history while joined; former members up to their departure). Sync's state section
 * on incremental syncs is "current state changed since the token and not in the timeline"
 * rather than the state at the start of the timeline. All state is lost on close, so old
 * sync tokens answer 400 M_UNKNOWN.
 */
package org.twimbot.devserver;
