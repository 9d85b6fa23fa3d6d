package org.twimbot.matrix;

/** The bot's logged-in identity. The token is masked in {@link #toString()} so it cannot leak into logs. */
public record Session(String userId, String deviceId, String accessToken) {
    @Override
    public String toString() {
        return "Session[userId=" + userId + ", deviceId=" + deviceId + ", accessToken=***]";
    }
}
