package org.twimbot.devserver;

/** The (event type, state key) pair that identifies a piece of room state, as one map key. */
final class StateKey {
    private StateKey() {}

    static String of(String type, String stateKey) {
        return type + '\u0000' + stateKey;
    }
}
