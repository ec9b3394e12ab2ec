package org.sysmodels.suite.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sim}: the root command. Without a subcommand it prints its usage. */
@Command(name = "sim", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        usageHelpAutoWidth = true,
        header = "sysmodels: executable, honest models of production systems, for courses and demos.",
        description = {
            "Each system is a deterministic model that follows its primary sources (specs, the real code), with "
                    + "checks that catch a buggy driver, traces for https://ui.perfetto.dev, plots, an HTML report "
                    + "and quizzes.",
            ""},
        footer = {
            "%nStart here:%n  sim tour                      run every demo, write report/index.html%n"
                    + "  sim list                      systems, scenarios and bug labs%n"
                    + "  sim <system> --help           a system's own flags%n"
                    + "  sim <system> --quiz --seed 3  questions; --solve shows the answers%n"})
final class SimCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
