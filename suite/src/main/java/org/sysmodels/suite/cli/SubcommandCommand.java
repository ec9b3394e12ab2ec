package org.sysmodels.suite.cli;

import java.util.concurrent.Callable;
import org.sysmodels.core.system.Subcommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sim <system> <subcommand>}: a system's command beside its runs (a server, a load generator). */
@Command(mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        usageHelpAutoWidth = true)
final class SubcommandCommand implements Callable<Integer> {

    private final Subcommand sub;

    @Spec
    CommandSpec spec;

    private SubcommandCommand(Subcommand sub) {
        this.sub = sub;
    }

    static CommandLine create(Subcommand sub) {
        CommandLine cl = new CommandLine(new SubcommandCommand(sub));
        CommandSpec spec = cl.getCommandSpec();
        SystemOptions.add(spec, sub.options());
        spec.name(sub.name());
        spec.usageMessage().header(sub.title().replace("%", "%%")).description(sub.description().replace("%", "%%"));
        Help.exitCodes(spec);
        return cl;
    }

    @Override
    public Integer call() throws Exception {
        return sub.run(SystemOptions.read(spec.commandLine().getParseResult(), sub.options()),
                spec.commandLine().getOut());
    }
}
