package org.twimbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code twimbot bench} working with a tiny backlog: every figure is reported and every
 * generated submission is stored. No timings are asserted (the bench gates releases, not CI).
 */
class BenchSmokeTest {
    @Test
    void tinyBenchReportsEveryFigureAndStoresEverySubmission() throws Exception {
        BenchReport report = new BenchRun(new BenchRun.Options(300, 12, 1, 0, 0, 7, true, false), null).run();

        assertTrue(report.submissionsGenerated() > 0, "the backlog has submissions");
        assertEquals(report.submissionsGenerated(), report.submissionsStored(), "every generated submission is stored");
        for (BenchReport.Row row : report.rows()) {
            if (row.key().startsWith("rss")) continue; // /proc may be missing off Linux
            assertFalse(Double.isNaN(row.value()) || row.value() < 0, row.metric() + " = " + row.value());
        }
        JsonNode json = new ObjectMapper().readTree(report.json());
        for (String key : new String[] {
            "ingest_events_per_s",
            "floor_events_per_s",
            "ingest_over_floor",
            "render_ms",
            "round_trip_ms",
            "ingest_jit_ms",
            "warmup_runs",
            "peak_heap_mib",
            "rss_peak_mib",
            "rss_mib",
            "startup_ms",
            "submissions_stored"
        }) {
            assertTrue(json.path("metrics").has(key), key + " in " + json);
        }
        assertTrue(json.has("all_targets_met"));
        String table = report.table();
        assertTrue(table.contains("| metric") && table.contains("start-up to first /sync"), table);
    }
}
