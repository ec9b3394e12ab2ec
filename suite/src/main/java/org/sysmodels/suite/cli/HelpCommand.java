package org.sysmodels.suite.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code sim help [COMMAND...]}: the help of the command at that path, word for word what {@code sim COMMAND...
 * --help} prints, at every depth ({@code sim help vcpu serve}), as git, go and cargo take it. picocli's own help
 * command reads only the first word, so {@code sim help vcpu serve} printed vcpu's help and {@code sim help vcpu
 * nosuch} exited 0. A word that names no command there is bad usage (exit 2) listing the commands that are.
 */
@Command(name = "help", helpCommand = true, synopsisHeading = "%nUsage: ", optionListHeading = "%nOptions:%n",
        description = "Show the help of a command, at any depth: sim help vcpu serve is sim vcpu serve --help.")
final class HelpCommand implements CommandLine.IHelpCommandInitializable2, Runnable {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean helpRequested;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command, and its subcommand if any.")
    List<String> path = new ArrayList<>();

    private CommandLine self;
    private ColorScheme colors;
    private PrintWriter out;

    @Override
    public void init(CommandLine helpCommandLine, ColorScheme colorScheme, PrintWriter outWriter,
                     PrintWriter errWriter) {
        this.self = helpCommandLine;
        this.colors = colorScheme;
        this.out = outWriter;
    }

    @Override
    public void run() {
        CommandLine at = self.getParent();
        for (String word : path) {
            CommandLine next = at.getSubcommands().get(word);
            if (next == null) {
                String name = at.getCommandSpec().qualifiedName();
                throw new ParameterException(at, at.getSubcommands().isEmpty()
                        ? "no command \"" + word + "\": " + name + " has no commands"
                        : "no command \"" + word + "\"; " + name + "'s commands: "
                                + String.join(", ", at.getSubcommands().keySet()));
            }
            at = next;
        }
        at.usage(out, colors);
    }
}
