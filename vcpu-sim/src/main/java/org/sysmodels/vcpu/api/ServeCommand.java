package org.sysmodels.vcpu.api;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.option.OptionSpec;
import org.sysmodels.core.option.Options;
import org.sysmodels.core.system.Subcommand;

/**
 * {@code sim vcpu serve --api-sock PATH}: Firecracker's REST API on a Unix socket, one microVM per process, as
 * {@code firecracker --api-sock /tmp/firecracker.socket} runs (Firecracker docs/getting-started.md). The guest's serial
 * output goes to standard output; the command ends when the microVM stops (the guest powers off, or a snapshot load
 * fails, which is fatal in Firecracker) or on Ctrl-C, and then removes the socket.
 */
public final class ServeCommand implements Subcommand {

    static final OptionSpec<Path> API_SOCK = OptionSpec.path("--api-sock", "PATH",
            "The Unix socket to serve the API on (Firecracker's flag); it must not exist yet.");
    static final OptionSpec<Integer> API_TCP = OptionSpec.integer("--api-tcp", "PORT", 1, 65535,
            "Also serve the API on this loopback TCP port (not in Firecracker: for clients without Unix sockets).");

    private final BooleanSupplier stopWhen;

    /** The command as the suite runs it: it stops on Ctrl-C (a shutdown hook) or when the microVM stops. */
    public ServeCommand() {
        this(null);
    }

    /** For tests: also stops when {@code stopWhen} says so. */
    ServeCommand(BooleanSupplier stopWhen) {
        this.stopWhen = stopWhen;
    }

    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String title() {
        return "Firecracker's REST API on a Unix socket (one microVM per process)";
    }

    @Override
    public String description() {
        return "Serves Firecracker's API (HTTP/1.1 over the Unix socket given by --api-sock) for one microVM, as "
                + "`firecracker --api-sock PATH` does: configure it with PUT /machine-config, /boot-source and "
                + "/drives, start it with PUT /actions {\"action_type\": \"InstanceStart\"}, pause, snapshot and "
                + "resume it with PATCH /vm and PUT /snapshot/create. The getting-started curl sequence works "
                + "against it (curl --unix-socket PATH). The guest's serial output is printed; the command ends "
                + "when the microVM stops or on Ctrl-C, then lists the requests it served.";
    }

    @Override
    public List<OptionSpec<?>> options() {
        return List.of(API_SOCK, API_TCP);
    }

    @Override
    public int run(Options options, PrintWriter out, PrintWriter err) throws UserInputException {
        Path socket = options.get(API_SOCK).orElseThrow(() -> new UserInputException(
                "sim vcpu serve: --api-sock PATH is required (the Unix socket to serve the API on)"));
        int tcp = options.get(API_TCP).orElse(0);
        ApiServe.Outcome o;
        try {
            BooleanSupplier stop = stopWhen == null ? () -> false : stopWhen;
            o = ApiServe.serveUntilInterrupted(socket, tcp, c -> {
                out.write(c);
                if (c == '\n') {
                    out.flush();
                }
            }, stop, path -> {
                err.println("sim vcpu serve: Firecracker API on " + path + (tcp > 0 ? " and 127.0.0.1:" + tcp : "")
                        + " (one microVM; Ctrl-C to stop)");
                err.flush();
            }, org.sysmodels.core.trace.Tracer.off());
        } catch (IOException e) {
            throw new UserInputException("--api-sock: " + e.getMessage());
        }
        out.println();
        out.println(o.requests() + " API requests served");
        o.requestLog().forEach(l -> out.println("  " + l));
        if (o.fatal() != null) {
            out.println("fatal: " + o.fatal());
        }
        out.println(o.exitCode() == null ? "the microVM never started" : "the microVM stopped with exit code "
                + o.exitCode().code() + " (" + o.exitCode().rustName() + ")");
        out.flush();
        return o.fatal() != null ? 1 : 0;
    }
}
