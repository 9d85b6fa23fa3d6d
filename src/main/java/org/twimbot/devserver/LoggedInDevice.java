package org.twimbot.devserver;

/** One logged-in device: who owns an access token. */
record LoggedInDevice(String accessToken, String userId, String deviceId) {}
