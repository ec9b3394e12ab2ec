package org.sysmodels.suite.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.sysmodels.core.system.CatalogEntry;
import org.sysmodels.core.system.SimSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sim list}: the systems, their packaged scenarios and their bug labs. */
@Command(name = "list", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "List the systems, their scenarios and their bug labs.")
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
            for (CatalogEntry e : s.catalog()) {
                String flag = e.kind() == CatalogEntry.Kind.SCENARIO ? "--scenario " : "--bug ";
                out.printf("    sim %s %s%-24s %s%n", s.name(), flag, e.name(), e.description());
            }
            out.println();
        }
        out.println("Every system also has: --quiz / --solve (questions from the seed), --trace FILE, --report DIR.");
        out.flush();
        return ExitCodes.OK;
    }
}
