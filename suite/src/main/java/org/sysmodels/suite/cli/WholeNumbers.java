package org.sysmodels.suite.cli;

import java.util.Locale;
import org.sysmodels.core.option.OptionSpec;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converters for the numeric flags every command shares, so that {@code --seed abc} is refused in the words a
 * system's own flags use ({@code --jobs: "abc" is not a whole number; ...}), not Java's ("is not a long").
 * {@link Cli} prints a conversion failure as {@code flag: message}.
 */
final class WholeNumbers {

    private WholeNumbers() {
    }

    /** {@code --seed}: any 64-bit integer, its digits written as the systems' flags take them. */
    static final class Seed implements ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            try {
                return Long.parseLong(OptionSpec.wholeNumberDigits(text));
            } catch (NumberFormatException e) {
                throw new TypeConversionException("\"" + text + "\" is not a whole number (a seed is any 64-bit "
                        + "integer, e.g. 42)");
            }
        }
    }

    /** {@code --trace-events}: a count; its range is checked where it is used. */
    static final class TraceEvents implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            try {
                return Integer.parseInt(OptionSpec.wholeNumberDigits(text));
            } catch (NumberFormatException e) {
                throw new TypeConversionException("\"" + text + "\" is not a whole number; allowed: "
                        + String.format(Locale.ROOT, "%,d to %,d", 1, SystemCommand.MAX_TRACE_EVENTS));
            }
        }
    }
}
