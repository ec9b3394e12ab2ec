package org.sysmodels.suite.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.sysmodels.core.lab.BugLab;
import org.sysmodels.core.scenario.ScenarioEntry;
import org.sysmodels.core.system.SimSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sim list}: the systems, their packaged scenarios, their bug labs and where your own code plugs in. */
@Command(name = "list", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "List the systems, their scenarios, their bug labs and where your own code plugs in.")
final class ListCommand implements Callable<Integer> {

    private final List<SimSystem> systems;

    @Spec
    CommandSpec spec;

    ListCommand(List<SimSystem> systems) {
        this.systems = systems;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (SimSystem s : systems) {
            out.println(s.name() + " — " + s.title());
            for (ScenarioEntry e : s.scenarios()) {
                out.printf("    sim %s --scenario %-24s %s%n", s.name(), e.name(), e.description());
            }
            for (BugLab l : s.bugLabs()) {
                out.printf("    sim %s --bug %-29s %s (caught by %s)%n", s.name(), l.name(), l.mistake(),
                        l.rule().name());
            }
            s.subcommands().forEach(c -> out.printf("    sim %s %-34s %s%n", s.name(), c.name(), c.title()));
            s.student().ifPresent(slot -> out.printf("    sim %s %s FILE   your own %s; --template %s prints a "
                    + "starter, --grade FILE grades it%n", s.name(), slot.flag(), slot.noun(),
                    String.join("|", slot.templateNames())));
            out.println();
        }
        out.println("Every system also has: --quiz / --solve (questions from the seed), --trace FILE, --report DIR.");
        out.flush();
        return ExitCodes.OK;
    }
}
