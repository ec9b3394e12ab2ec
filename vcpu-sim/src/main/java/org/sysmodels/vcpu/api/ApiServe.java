package org.sysmodels.vcpu.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.sysmodels.vcpu.host.threads.ThreadPlatform;
import org.sysmodels.vcpu.model.kvm.Timing;
import org.sysmodels.vcpu.model.vcpu.FcExitCode;

/**
 * {@code sim vcpu --api-sock PATH}: one microVM per process, as Firecracker runs. The API thread serves the socket;
 * this thread is the VMM thread, running the event loop until the microVM stops (or a snapshot load fails, which is
 * fatal in Firecracker), then tearing it down.
 */
public final class ApiServe {

    /** What a serve session came to. */
    public record Outcome(FcExitCode exitCode, long requests, String console, List<String> requestLog,
                          String fatal, org.sysmodels.core.trace.TraceLog trace) {
    }

    private ApiServe() {
    }

    /**
     * Serves until the microVM stops, or {@code stopWhen} says to stop (tests), or the process is interrupted.
     *
     * @param tee the guest's serial output as it comes (the terminal)
     */
    public static Outcome serve(Path socket, int tcpPort, IntConsumer tee, java.util.function.BooleanSupplier stopWhen,
                                java.util.function.Consumer<String> onListening) throws IOException {
        return serve(socket, tcpPort, tee, stopWhen, onListening, org.sysmodels.core.trace.Tracer.off());
    }

    /**
     * {@link #serve} as a command runs it: Ctrl-C (SIGINT, SIGTERM: a shutdown hook) also ends it, and the hook waits
     * up to 5 s for the microVM to be stopped and the socket removed before the JVM goes, so the next start on the
     * same path does not find it taken.
     */
    public static Outcome serveUntilInterrupted(Path socket, int tcpPort, IntConsumer tee,
                                                java.util.function.BooleanSupplier stopWhen,
                                                java.util.function.Consumer<String> onListening,
                                                org.sysmodels.core.trace.Tracer tracer) throws IOException {
        java.util.concurrent.atomic.AtomicBoolean interrupted = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
        Thread hook = new Thread(() -> {
            interrupted.set(true);
            try {
                finished.await(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sim-vcpu-serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return serve(socket, tcpPort, tee, () -> interrupted.get() || stopWhen.getAsBoolean(), onListening,
                    tracer);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down (Ctrl-C): the hook is running
            }
        }
    }

    /**
     * The same, recording each API request as a slice on the "API server" track of {@code tracer} (real time since
     * the server started; only the API thread writes to it).
     */
    public static Outcome serve(Path socket, int tcpPort, IntConsumer tee, java.util.function.BooleanSupplier stopWhen,
                                java.util.function.Consumer<String> onListening,
                                org.sysmodels.core.trace.Tracer tracer) throws IOException {
        List<String> requestLog = java.util.Collections.synchronizedList(new ArrayList<>());
        org.sysmodels.core.trace.Track api = tracer.track("firecracker", "API server (fc_api)");
        long t0 = System.nanoTime();
        try (ThreadPlatform platform = new ThreadPlatform()) {
            ApiController controller = new ApiController(platform, "anonymous-instance", tee, Timing.DEFAULT);
            try (ApiServer server = new ApiServer(controller, socket, (line, ns) -> {
                requestLog.add(line);
                long end = System.nanoTime() - t0;
                tracer.complete(api, line, Math.max(0, end - ns), end);
            })) {
                server.start(tcpPort);
                onListening.accept(socket.toString());
                try {
                    platform.runLoop(() -> controller.fatal() != null || controller.exitCode() != null
                            || stopWhen.getAsBoolean(), 20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                controller.close();
                if (controller.vmm() != null) {
                    controller.vmm().stop(controller.exitCode() == null ? FcExitCode.OK : controller.exitCode());
                    controller.vmm().shutdown();
                }
                server.close();
            }
            return new Outcome(controller.exitCode(), controller.requests(),
                    controller.console() == null ? "" : controller.console().text(), List.copyOf(requestLog),
                    controller.fatal(), tracer.log());
        }
    }
}
