package org.sysmodels.core.option;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.sysmodels.core.scenario.Sizes;
import org.sysmodels.core.time.SimTime;

/**
 * One flag of a system, described as data (DESIGN.md: "systems describe their options as data"): its name, the word
 * shown for its value, the help line, what it defaults to, and how its text becomes a checked value. The command line
 * (picocli, in {@code suite} alone) turns each spec into an option; a value that does not parse or is out of range is
 * a usage error (exit status 2) that names the flag and what is allowed.
 *
 * <p>An {@code OptionSpec} is also the key to read the value back: {@code options.get(IODEPTH)}.
 *
 * @param name        the flag, with its dashes ("--iodepth")
 * @param label       the value's placeholder in help ("N"), or null for a flag that takes no value
 * @param help        one sentence for {@code --help}
 * @param defaultText what applies when the flag is absent, as shown in help ("32", "the scenario's"), or null
 * @param parser      text to value, or an {@link IllegalArgumentException} saying what is allowed
 * @param <T>         the value's type
 */
public record OptionSpec<T>(String name, String label, String help, String defaultText, Parser<T> parser) {

    /** Text to a checked value. */
    @FunctionalInterface
    public interface Parser<T> {
        /** @throws IllegalArgumentException with a message that says what is allowed, without the flag's name */
        T parse(String text);
    }

    public OptionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(help, "help");
        Objects.requireNonNull(parser, "parser");
        if (!name.startsWith("--") || name.length() < 3 || name.contains(" ")) {
            throw new IllegalArgumentException("an option name looks like \"--iodepth\": \"" + name + "\"");
        }
    }

    /** True for an option that takes no value (its presence means true). */
    public boolean isFlag() {
        return label == null;
    }

    /** The value of {@code text}, or an {@link OptionException} naming this option and what it allows. */
    public T parse(String text) throws OptionException {
        try {
            return parser.parse(text);
        } catch (IllegalArgumentException e) {
            throw new OptionException(name + ": " + e.getMessage());
        }
    }

    /** The same option with a different default text for help. */
    public OptionSpec<T> withDefault(String text) {
        return new OptionSpec<>(name, label, help, text, parser);
    }

    // ------------------------------------------------------------------ factories

    /** A flag without a value: present means true. */
    public static OptionSpec<Boolean> flag(String name, String help) {
        return new OptionSpec<>(name, null, help, null, text -> true);
    }

    /** A whole number in [min, max]. */
    public static OptionSpec<Integer> integer(String name, String label, int min, int max, String help) {
        return new OptionSpec<>(name, label, help, null, text -> {
            long v = wholeNumber(text, min, max);
            return (int) v;
        });
    }

    /** A whole number in [min, max], as a long. */
    public static OptionSpec<Long> count(String name, String label, long min, long max, String help) {
        return new OptionSpec<>(name, label, help, null, text -> wholeNumber(text, min, max));
    }

    /** A decimal number in [min, max]. */
    public static OptionSpec<Double> decimal(String name, String label, double min, double max, String help) {
        return new OptionSpec<>(name, label, help, null, text -> {
            double v;
            try {
                v = Double.parseDouble(text.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("\"" + text + "\" is not a number");
            }
            if (!(v >= min && v <= max)) {
                throw new IllegalArgumentException(text + " is out of range; allowed: " + plain(min) + " to "
                        + plain(max));
            }
            return v;
        });
    }

    /**
     * A duration in nanoseconds, in [min, max] ns. The unit is required ("80us", "1.5ms", "2s"): a bare number is
     * refused, because whether "10" means ns, µs or ms is exactly the mistake a user should not have to guess.
     */
    public static OptionSpec<Long> duration(String name, String label, long min, long max, String help) {
        return new OptionSpec<>(name, label, help, null, text -> {
            String t = text.strip();
            if (!t.isEmpty() && Character.isDigit(t.charAt(t.length() - 1))) {
                throw new IllegalArgumentException("\"" + text + "\" has no unit; write it with one: ns, us, ms or s "
                        + "(e.g. " + t + "us)");
            }
            long v = SimTime.parse(t);
            if (v < min || v > max) {
                throw new IllegalArgumentException(text + " is out of range; allowed: " + SimTime.format(min)
                        + " to " + SimTime.format(max));
            }
            return v;
        });
    }

    /** A byte size in [min, max] ("4096", "4k", "128KiB"), as fio writes sizes. */
    public static OptionSpec<Long> size(String name, String label, long min, long max, String help) {
        return new OptionSpec<>(name, label, help, null, text -> {
            long v = Sizes.parse(text);
            if (v < min || v > max) {
                throw new IllegalArgumentException(text + " is out of range; allowed: " + Sizes.format(min) + " to "
                        + Sizes.format(max));
            }
            return v;
        });
    }

    /** One of a fixed set of words, matched exactly. */
    public static OptionSpec<String> choice(String name, String label, List<String> choices, String help) {
        List<String> allowed = List.copyOf(choices);
        return new OptionSpec<>(name, label, help, null, text -> {
            if (!allowed.contains(text)) {
                throw new IllegalArgumentException("\"" + text + "\" is not one of " + String.join(", ", allowed));
            }
            return text;
        });
    }

    /** One of an enum's constants, written in lower case with dashes ("threaded", "round-robin"). */
    public static <E extends Enum<E>> OptionSpec<E> choice(String name, String label, Class<E> type, String help) {
        E[] values = type.getEnumConstants();
        List<String> words = Arrays.stream(values).map(OptionSpec::word).toList();
        return new OptionSpec<>(name, label, help, null, text -> {
            for (E e : values) {
                if (word(e).equals(text)) {
                    return e;
                }
            }
            throw new IllegalArgumentException("\"" + text + "\" is not one of " + String.join(", ", words));
        });
    }

    /** Free text (a name), non-empty. */
    public static OptionSpec<String> text(String name, String label, String help) {
        return new OptionSpec<>(name, label, help, null, text -> {
            if (text.isBlank()) {
                throw new IllegalArgumentException("must not be empty");
            }
            return text;
        });
    }

    /** A path; whether it must exist, or be writable, is checked where it is used ({@code OutputPaths}). */
    public static OptionSpec<Path> path(String name, String label, String help) {
        return new OptionSpec<>(name, label, help, null, text -> {
            if (text.isBlank()) {
                throw new IllegalArgumentException("must not be empty");
            }
            try {
                return Path.of(text);
            } catch (java.nio.file.InvalidPathException e) {
                throw new IllegalArgumentException("\"" + text + "\" is not a valid path: " + e.getReason());
            }
        });
    }

    /** The word an enum constant is written as: lower case, underscores as dashes. */
    public static String word(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * A whole number's digits as every flag takes them: spaces around it ignored, {@code _} grouping digits
     * ({@code 1_000_000}); what {@link Long#parseLong} and {@link Integer#parseInt} then read.
     */
    public static String wholeNumberDigits(String text) {
        return text.strip().replace("_", "");
    }

    private static long wholeNumber(String text, long min, long max) {
        long v;
        try {
            v = Long.parseLong(wholeNumberDigits(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a whole number"
                    + (min == max ? "" : "; allowed: " + String.format(Locale.ROOT, "%,d to %,d", min, max)));
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(text + " is out of range; allowed: "
                    + String.format(Locale.ROOT, "%,d to %,d", min, max));
        }
        return v;
    }

    private static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }
}
