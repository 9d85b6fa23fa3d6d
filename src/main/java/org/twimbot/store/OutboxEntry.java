package org.twimbot.store;

/** A message the bot owes the room, written in the same transaction as the change that caused it. */
public record OutboxEntry(long id, String kind, String roomId, String txnId, String payload) {}
