package org.sysmodels.suite.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** Shared help text. */
final class Help {

    private Help() {
    }

    /** Adds the exit status list to a command's usage help. */
    static void exitCodes(CommandSpec spec) {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put(" 0", "ok");
        codes.put(" 1", "a check or invariant failed (see the findings); a bug lab, caught or missed");
        codes.put(" 2", "bad usage or bad input (a flag, a scenario file, a name)");
        codes.put("70", "internal error: a bug in sysmodels (please report it)");
        spec.usageMessage().exitCodeListHeading("%nExit status:%n").exitCodeList(codes);
    }
}
