package org.twimbot.curation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class EditionCalendarTest {
    private final EditionCalendar fridays = new EditionCalendar(DayOfWeek.FRIDAY, ZoneId.of("Europe/Berlin"));

    @Test
    void anEditionIsDatedByTheNextPublicationDayInItsTimeZone() {
        assertEquals(LocalDate.of(2026, 11, 27), fridays.publicationDate(Instant.parse("2026-11-25T10:00:00Z")));
        assertEquals(
                LocalDate.of(2026, 11, 27),
                fridays.publicationDate(Instant.parse("2026-11-27T22:30:00Z")),
                "23:30 in Berlin is still Friday");
        assertEquals(
                LocalDate.of(2026, 12, 4),
                fridays.publicationDate(Instant.parse("2026-11-27T23:30:00Z")),
                "00:30 Saturday in Berlin belongs to next week");
    }

    @Test
    void theEditionAfterAPublishIsTheNextPublicationDayNeverInThePast() {
        Instant friday = Instant.parse("2026-11-27T18:00:00Z");
        assertEquals(LocalDate.of(2026, 12, 4), fridays.nextAfter(LocalDate.of(2026, 11, 27), friday));
        assertEquals(
                LocalDate.of(2026, 11, 27),
                fridays.nextAfter(LocalDate.of(2026, 10, 30), friday),
                "publishing a long-forgotten week opens this week's, not one in the past");
    }
}
