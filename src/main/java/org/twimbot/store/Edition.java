package org.twimbot.store;

import java.time.LocalDate;

/** A week's newsletter, dated by its publication day. {@code liveUrl} is empty when none was set. */
public record Edition(long id, LocalDate date, boolean open, String liveUrl, long openedAt, Long publishedAt) {}
