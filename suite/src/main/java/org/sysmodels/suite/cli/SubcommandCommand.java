package org.sysmodels.suite.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.sysmodels.core.option.OptionSpec;
import org.sysmodels.core.option.Options;
import org.sysmodels.core.system.SimSystem;
import org.sysmodels.core.system.Subcommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sim <system> <subcommand>}: a system's command beside its run, with flags the system describes as data. */
@Command(mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        usageHelpAutoWidth = true)
final class SubcommandCommand implements Callable<Integer> {

    private final Subcommand subcommand;
    private final List<OptionSpec<?>> options;

    @Spec
    CommandSpec spec;

    private SubcommandCommand(Subcommand subcommand) {
        this.subcommand = subcommand;
        this.options = subcommand.options();
    }

    static CommandLine create(SimSystem system, Subcommand s) {
        SubcommandCommand command = new SubcommandCommand(s);
        CommandLine cl = new CommandLine(command);
        CommandSpec spec = cl.getCommandSpec();
        SystemOptions.add(spec, command.options);
        spec.name(s.name());
        spec.usageMessage().header(s.title().replace("%", "%%")).description(s.description().replace("%", "%%"));
        Help.exitCodes(spec);
        return cl;
    }

    @Override
    public Integer call() throws Exception {
        Options values = SystemOptions.read(spec.commandLine().getParseResult(), options);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return subcommand.run(values, out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }
}
