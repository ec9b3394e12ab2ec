package org.sysmodels.core.time;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Virtual time is a {@code long} count of nanoseconds. This class converts it to and from text such as "1.5ms". */
public final class SimTime {

    public static final long NS = 1L;
    public static final long US = 1_000L;
    public static final long MS = 1_000_000L;
    public static final long S = 1_000_000_000L;

    private static final BigDecimal LARGEST = BigDecimal.valueOf(Long.MAX_VALUE);

    private static final Pattern DURATION = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s)?\\s*");

    private SimTime() {
    }

    /**
     * Parses "250ns", "80us", "80µs", "1.5ms" or "2s" to nanoseconds, exactly, a fraction of a nanosecond rounded half
     * up; at most {@code Long.MAX_VALUE} ns. A bare number ("20", "0") is refused, as on the command line: whether it
     * means ns, µs or ms is the mistake a user should not have to guess.
     * @throws IllegalArgumentException naming the accepted forms, or the missing unit with an example
     */
    public static long parse(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration; use a number with a unit: "
                    + "ns, us, ms or s (e.g. 250us, 1.5ms)");
        }
        if (m.group(2) == null) {
            throw new IllegalArgumentException(noUnit(m.group(1)));
        }
        String unit = m.group(2);
        long scale = switch (unit) {
            case "ns" -> NS;
            case "us", "µs" -> US;
            case "ms" -> MS;
            default -> S;
        };
        // Exact decimal arithmetic: a double would round durations past 2^53 ns and let 2^63 ns pass as the largest.
        BigDecimal ns = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(scale))
                .setScale(0, RoundingMode.HALF_UP);
        if (ns.compareTo(LARGEST) > 0) {
            throw new IllegalArgumentException("\"" + text + "\" is too long a duration");
        }
        return ns.longValueExact();
    }

    /** "\"20\" has no unit; write it with one: ns, us, ms or s (e.g. \"20 us\")". */
    public static String noUnit(String number) {
        return "\"" + number + "\" has no unit; write it with one: ns, us, ms or s (e.g. \"" + number + " us\")";
    }

    /**
     * Formats nanoseconds exactly, in the largest unit that divides them ("86400 s", "250 ms", "1500 us"), as a
     * scenario file would write them: what a range of allowed durations is shown in.
     */
    public static String formatExact(long ns) {
        if (ns == 0) {
            return "0 s";
        }
        if (ns % S == 0) {
            return ns / S + " s";
        }
        if (ns % MS == 0) {
            return ns / MS + " ms";
        }
        return ns % US == 0 ? ns / US + " us" : ns + " ns";
    }

    /** Formats nanoseconds in the largest unit that keeps the value ≥ 1, with three decimals: "1.500 ms". */
    public static String format(long ns) {
        long abs = Math.abs(ns);
        if (abs < US) {
            return ns + " ns";
        }
        if (abs < MS) {
            return String.format(Locale.ROOT, "%.3f us", ns / (double) US);
        }
        if (abs < S) {
            return String.format(Locale.ROOT, "%.3f ms", ns / (double) MS);
        }
        return String.format(Locale.ROOT, "%.3f s", ns / (double) S);
    }
}
