package org.sysmodels.bench.presence;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.sysmodels.presence.run.PresenceSimulation;

/**
 * {@link SimulationCpu}'s workload in one shard, stopped before and after its measured phase so that a cache
 * simulator can count the phase alone: {@code valgrind --tool=callgrind --cache-sim=yes --instr-atstart=no
 * --separate-threads=yes java ... SimulationLines USERS WARM_S MEASURE_S}; it prints {@code READY} after the warm-up
 * and waits for a line on standard input (switch instrumentation on: {@code callgrind_control -i on}), then runs
 * the measured phase, prints {@code DONE} with the events of the phase and waits again (dump: {@code callgrind_control
 * -d}). A full collection before {@code READY} keeps the collector out of the phase. The misses of the main
 * thread's dump divided by the phase's events are the load-independent metric (Valgrind User Manual, chapter 6
 * "Callgrind": {@code --cache-sim}, {@code --instr-atstart}, {@code callgrind_control}). {@code bench/cache-misses}
 * runs it and names the JIT code.
 */
public final class SimulationLines {

    private SimulationLines() {
    }

    public static void main(String[] args) throws Exception {
        int users = Integer.parseInt(args[0]);
        int warm = Integer.parseInt(args[1]);
        int measure = Integer.parseInt(args[2]);
        PresenceSimulation.Live live = SimulationBench.prepare(users, -1);
        live.runUntil(warm * 1_000_000_000L);
        // an empty young generation: no collection inside the phase (its thread would dirty the simulated caches,
        // and which phase it lands in moves with every change to the run's allocations)
        System.gc();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("READY");
        System.out.flush();
        in.readLine();
        PresenceSimulation.Stats a = live.stats();
        live.runUntil((long) (warm + measure) * 1_000_000_000L);
        PresenceSimulation.Stats b = live.stats();
        System.out.printf(Locale.ROOT, "DONE events %d heartbeats %d deliveries %d node-messages %d changes %d "
                + "leaves %d%n", b.events() - a.events(), b.heartbeats() - a.heartbeats(),
                b.deliveries() - a.deliveries(), b.nodeMessages() - a.nodeMessages(), b.changes() - a.changes(),
                b.leaves() - a.leaves());
        System.out.flush();
        in.readLine();
    }
}
