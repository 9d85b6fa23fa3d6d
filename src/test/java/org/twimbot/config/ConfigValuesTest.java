package org.twimbot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigValuesTest {
    @Test
    void durations() {
        assertEquals(Optional.of(Duration.ofMinutes(10)), ConfigValues.parseDuration("10m"));
        assertEquals(Optional.of(Duration.ofSeconds(90)), ConfigValues.parseDuration("90s"));
        assertEquals(Optional.of(Duration.ofHours(2)), ConfigValues.parseDuration("2h"));
        assertEquals(Optional.of(Duration.ofMillis(500)), ConfigValues.parseDuration("500ms"));
        assertEquals(Optional.of(Duration.ofMinutes(10)), ConfigValues.parseDuration("PT10M"));
        assertEquals(Optional.of(Duration.ofMinutes(10)), ConfigValues.parseDuration("pt10m"));
        assertEquals(Optional.of(Duration.ZERO), ConfigValues.parseDuration("0"));
        assertEquals(Optional.empty(), ConfigValues.parseDuration("10"));
        assertEquals(Optional.empty(), ConfigValues.parseDuration("ten minutes"));
        assertEquals("10m", ConfigValues.formatDuration(Duration.ofMinutes(10)));
        assertEquals("90s", ConfigValues.formatDuration(Duration.ofSeconds(90)));
        assertEquals("1500ms", ConfigValues.formatDuration(Duration.ofMillis(1500)));
    }

    @Test
    void sizes() {
        assertEquals(Optional.of(52_428_800L), ConfigValues.parseSize("52428800"));
        assertEquals(Optional.of(50_000_000L), ConfigValues.parseSize("50MB"));
        assertEquals(Optional.of(52_428_800L), ConfigValues.parseSize("50MiB"));
        assertEquals(Optional.of(52_428_800L), ConfigValues.parseSize("50m"));
        assertEquals(Optional.of(2_000L), ConfigValues.parseSize("2 kB"));
        assertEquals(Optional.of(1L << 30), ConfigValues.parseSize("1GiB"));
        assertEquals(Optional.empty(), ConfigValues.parseSize("50 megs"));
        assertEquals(Optional.empty(), ConfigValues.parseSize("99999999999TB"));
    }

    @Test
    void idsAndDays() {
        assertTrue(ConfigValues.isUserId("@this-week-in:matrix.org"));
        assertTrue(ConfigValues.isUserId("@a:localhost:8448"));
        assertFalse(ConfigValues.isUserId("this-week-in:matrix.org"));
        assertFalse(ConfigValues.isUserId("@nohost"));
        assertTrue(ConfigValues.isRoomAlias("#twim:matrix.org"));
        assertTrue(ConfigValues.isRoomId("!yHqAuTnFgksYvVnlMY:ergaster.org"));
        assertTrue(
                ConfigValues.isRoomId("!vzDE5GnhIhncy8gpyeK4WFPVyeWvIh8JYeM3iqR8RV8"),
                "room v12 ids have no server part");
        assertFalse(ConfigValues.isRoomAlias("twim"));
        assertEquals(Optional.of(DayOfWeek.FRIDAY), ConfigValues.parseDay("Friday"));
        assertEquals(Optional.of(DayOfWeek.FRIDAY), ConfigValues.parseDay("fri"));
        assertEquals(Optional.empty(), ConfigValues.parseDay("fryday"));
    }
}
