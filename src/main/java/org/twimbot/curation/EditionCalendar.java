package org.twimbot.curation;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/** Editions are dated by their publication day: the next {@code weekday} on or after today in {@code zone}. */
public record EditionCalendar(DayOfWeek weekday, ZoneId zone) {

    public LocalDate publicationDate(Instant now) {
        return LocalDate.ofInstant(now, zone).with(TemporalAdjusters.nextOrSame(weekday));
    }

    /** The edition after one published on {@code published}: the next publication day strictly after it, and not in the past. */
    public LocalDate nextAfter(LocalDate published, Instant now) {
        LocalDate next = published.plusDays(1).with(TemporalAdjusters.nextOrSame(weekday));
        LocalDate current = publicationDate(now);
        return next.isBefore(current) ? current : next;
    }
}
