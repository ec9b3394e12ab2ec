package org.sysmodels.bench.presence;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A recovery check for the {@code load} row ({@code --stop-gateways S}): some seconds into the measured phase every
 * gateway process is stopped with {@code SIGSTOP} for {@code S} seconds and continued, as a host that takes the CPU
 * away (steal, a long collection elsewhere, a noisy neighbour) would. A gateway that keeps up delivers the stop's
 * backlog late and goes back to its steady latency with every session held; one that is metastable stays behind
 * at the same offered load until its sessions miss their heartbeat deadline (docs/presence.md, "A collapse that did
 * not recover", where this check found Netty's io_uring loop of empty writes). The stop runs on its own thread,
 * which continues the processes after the stop (or when interrupted); a row that ends first kills them with its
 * other children.
 */
final class GatewayStop implements Runnable {

    private final List<Process> gateways;
    private final long atMs;
    private final long forMs;
    private volatile boolean stopped;

    private GatewayStop(List<Process> gateways, long atMs, long forMs) {
        this.gateways = gateways;
        this.atMs = atMs;
        this.forMs = forMs;
    }

    /** Starts the check: {@code forSeconds} stopped, {@code atSeconds} from now. */
    static GatewayStop start(List<NodeChild> gateways, double atSeconds, double forSeconds) {
        List<Process> ps = new ArrayList<>();
        gateways.forEach(g -> ps.add(g.process));
        GatewayStop s = new GatewayStop(ps, Math.round(atSeconds * 1000), Math.round(forSeconds * 1000));
        Thread t = new Thread(s, "gateway-stop");
        t.setDaemon(true);
        t.start();
        return s;
    }

    /** The row's note: what was done to the gateways. */
    static String note(double atSeconds, double forSeconds) {
        return String.format(Locale.ROOT, "; RECOVERY CHECK: gateways stopped (SIGSTOP) for %.0f s at t=%.0f s of "
                + "the measured phase, so p99 includes that backlog", forSeconds, atSeconds);
    }

    boolean happened() {
        return stopped;
    }

    @Override
    public void run() {
        try {
            Thread.sleep(atMs);
            signal("STOP");
            stopped = true;
            System.out.printf(Locale.ROOT, "gateways stopped (kill -STOP) for %.1f s%n", forMs / 1000.0);
            Thread.sleep(forMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (stopped) {
                signal("CONT");
                System.out.println("gateways continued (kill -CONT)");
            }
        }
    }

    private void signal(String name) {
        List<String> cmd = new ArrayList<>(List.of("kill", "-" + name));
        gateways.forEach(p -> cmd.add(String.valueOf(p.pid())));
        try {
            new ProcessBuilder(cmd).inheritIO().start().waitFor();
        } catch (java.io.IOException e) {
            System.out.println("could not send SIG" + name + " to the gateways: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
