package org.sysmodels.suite.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sysmodels.core.option.OptionException;
import org.sysmodels.core.option.OptionSpec;
import org.sysmodels.core.option.Options;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/** A system's flags, described as data ({@link OptionSpec}), turned into picocli options and read back. */
final class SystemOptions {

    private SystemOptions() {
    }

    /** Adds one picocli option per spec; values are taken as text and parsed by the spec after parsing. */
    static void add(CommandSpec command, List<OptionSpec<?>> specs) {
        for (OptionSpec<?> s : specs) {
            command.addOption(optionFor(s));
        }
    }

    static picocli.CommandLine.Model.OptionSpec optionFor(OptionSpec<?> s) {
        String help = s.help() + (s.defaultText() == null ? "" : " Default: " + s.defaultText() + ".");
        picocli.CommandLine.Model.OptionSpec.Builder b = picocli.CommandLine.Model.OptionSpec.builder(s.name())
                .description(help.replace("%", "%%"));
        if (s.isFlag()) {
            b.arity("0").type(boolean.class);
        } else {
            b.arity("1").type(String.class).paramLabel(s.label());
        }
        return b.build();
    }

    /** The values the user gave, checked by their specs. */
    static Options read(ParseResult parsed, List<OptionSpec<?>> specs) throws OptionException {
        Map<String, String> given = new LinkedHashMap<>();
        for (OptionSpec<?> s : specs) {
            if (parsed.hasMatchedOption(s.name())) {
                given.put(s.name(), s.isFlag() ? "true" : parsed.matchedOption(s.name()).getValue().toString());
            }
        }
        return Options.parse(specs, given);
    }
}
