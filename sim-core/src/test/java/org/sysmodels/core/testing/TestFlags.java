package org.sysmodels.core.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sysmodels.core.option.OptionException;
import org.sysmodels.core.option.OptionSpec;
import org.sysmodels.core.option.Options;

/** Parses command-line style flags ("--iodepth", "8", "--sweep") against a system's options, as the suite does. */
public final class TestFlags {

    private TestFlags() {
    }

    public static Options parse(List<OptionSpec<?>> specs, String... args) throws OptionException {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            OptionSpec<?> spec = specs.stream().filter(s -> s.name().equals(name)).findFirst()
                    .orElseThrow(() -> new OptionException(name + ": no such option"));
            if (spec.isFlag()) {
                given.put(name, "true");
            } else {
                if (i + 1 >= args.length) {
                    throw new OptionException(name + ": needs a value");
                }
                given.put(name, args[++i]);
            }
        }
        return Options.parse(specs, given);
    }
}
