package org.twimbot.app;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Memory figures of this process: peak heap used (sum of the heap pools' peak usage, an upper
 * bound of the true peak since pools peak at different moments), the heap limit, and the
 * resident set (peak {@code VmHWM} and current {@code VmRSS} from {@code /proc/self/status}).
 */
final class BenchMemory {
    private BenchMemory() {}

    static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) pool.resetPeakUsage();
        }
    }

    static double peakHeapMiB() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null)
                sum += pool.getPeakUsage().getUsed();
        }
        return sum / (1024.0 * 1024.0);
    }

    static double maxHeapMiB() {
        return Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0);
    }

    /** {@code VmHWM} or {@code VmRSS} in MiB, NaN where /proc is not available. */
    static double procStatusMiB(String key) {
        String v = procValue("/proc/self/status", key);
        if (v.isEmpty()) return Double.NaN;
        try {
            return Long.parseLong(v.replace("kB", "").trim()) / 1024.0;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The value after {@code key:} in a /proc file, trimmed; empty when absent. */
    static String procValue(String file, String key) {
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (line.startsWith(key + ":"))
                    return line.substring(key.length() + 1).trim();
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the figure is reported as unknown
        }
        return "";
    }
}
