package org.twimbot.devserver;

/** One logged-in device: who owns an access token. */
record Session(String accessToken, String userId, String deviceId) {}
