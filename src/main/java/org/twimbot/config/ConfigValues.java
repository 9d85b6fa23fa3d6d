package org.twimbot.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing and formatting of the value syntaxes the config accepts: durations, sizes, ids, days. */
public final class ConfigValues {
    private ConfigValues() {}

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]i?b?|b)?", Pattern.CASE_INSENSITIVE);
    /** Server name: host name, IPv4 or [IPv6], optional port. */
    private static final String SERVER = "(?:[A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:.]+\\])(?::\\d{1,5})?";

    private static final Pattern USER_ID = Pattern.compile("@[^\\s:]+:" + SERVER);
    private static final Pattern ROOM_ALIAS = Pattern.compile("#[^\\s:]+:" + SERVER);
    /** Room ids: {@code !opaque:server}, or since room version 12 just {@code !opaque}. */
    private static final Pattern ROOM_ID = Pattern.compile("![^\\s:]+(?::" + SERVER + ")?");

    /** {@code 10m}, {@code 90s}, {@code 2h}, {@code 500ms}, {@code 1d}, {@code 0}, or ISO-8601 ({@code PT10M}). */
    public static Optional<Duration> parseDuration(String text) {
        String t = text.strip();
        if (t.equals("0")) return Optional.of(Duration.ZERO);
        Matcher m = SHORT_DURATION.matcher(t.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return Optional.of(
                    switch (m.group(2)) {
                        case "ms" -> Duration.ofMillis(n);
                        case "s" -> Duration.ofSeconds(n);
                        case "m" -> Duration.ofMinutes(n);
                        case "h" -> Duration.ofHours(n);
                        default -> Duration.ofDays(n);
                    });
        }
        try {
            return Optional.of(Duration.parse(t.toUpperCase(Locale.ROOT)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The shortest of {@code 500ms}/{@code 90s}/{@code 10m}/{@code 2h}/{@code 1d} that is exact, else ISO-8601. */
    public static String formatDuration(Duration d) {
        long ms = d.toMillis();
        if (d.isNegative() || !Duration.ofMillis(ms).equals(d)) return d.toString();
        if (ms == 0) return "0";
        if (ms % 86_400_000 == 0) return ms / 86_400_000 + "d";
        if (ms % 3_600_000 == 0) return ms / 3_600_000 + "h";
        if (ms % 60_000 == 0) return ms / 60_000 + "m";
        if (ms % 1000 == 0) return ms / 1000 + "s";
        return ms + "ms";
    }

    /**
     * Bytes: a plain integer, or with a unit: {@code B}, SI {@code KB}/{@code MB}/{@code GB}/{@code TB}
     * (powers of 1000) or binary {@code KiB}/{@code MiB}/{@code GiB}/{@code TiB} (powers of 1024);
     * a bare {@code k}/{@code m}/{@code g} is binary, as in the JVM's -Xmx.
     */
    public static Optional<Long> parseSize(String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) return Optional.empty();
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        if (unit.equals("b")) return Optional.of(n);
        int power = "kmgt".indexOf(unit.charAt(0)) + 1;
        boolean binary = unit.length() == 1 || unit.contains("i");
        long factor = 1;
        for (int i = 0; i < power; i++) factor *= binary ? 1024 : 1000;
        try {
            return Optional.of(Math.multiplyExact(n, factor));
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** {@code friday}, {@code Fri}, {@code FRIDAY}. */
    public static Optional<DayOfWeek> parseDay(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().equals(t) || (t.length() == 3 && d.name().startsWith(t))) return Optional.of(d);
        }
        return Optional.empty();
    }

    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    /** Only the characters of an IPv6 literal (with an optional %zone): nothing that could start a DNS look-up. */
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[0-9A-Za-z_.-]+)?");

    /** An IPv4 literal ({@code 127.0.0.1}) or an IPv6 one ({@code ::1}); never a host name. */
    public static boolean isIpLiteral(String s) {
        if (IPV4.matcher(s).matches()) return true;
        if (!IPV6_CHARS.matcher(s).matches()) return false;
        try {
            // a string with a colon is parsed as an IPv6 literal, never looked up
            InetAddress.getByName(s);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public static boolean isUserId(String s) {
        return USER_ID.matcher(s).matches();
    }

    public static boolean isRoomAlias(String s) {
        return ROOM_ALIAS.matcher(s).matches();
    }

    public static boolean isRoomId(String s) {
        return ROOM_ID.matcher(s).matches();
    }

    /** Levenshtein distance, for "did you mean" on unknown keys. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
