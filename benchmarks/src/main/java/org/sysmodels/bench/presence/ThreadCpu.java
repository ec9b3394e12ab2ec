package org.sysmodels.bench.presence;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.sysmodels.presence.gateway.load.HostCpu;

/**
 * The CPU time of every thread of this JVM, from Linux's {@code /proc/self/task/TID/stat} (fields 14 and 15,
 * utime and stime, in clock ticks; proc(5)), grouped by the thread's name ({@code comm}) into the simulation's
 * shard threads, the garbage collector's, the JIT compilers' and the rest. The process total
 * ({@code /proc/self/stat}) also counts threads that have exited, which a per-thread listing cannot: the difference
 * is reported as "exited threads".
 */
final class ThreadCpu {

    /** Clock ticks per second ({@code getconf CLK_TCK}); 100 on every Linux this project runs on. */
    private static final double TICK_S = 0.01;

    private final Map<String, Long> ticksByThread;
    private final long processTicks;
    /** The machine's ticks from {@code /proc/stat}'s first line: every CPU's busy, idle and steal time. */
    private final HostCpu machine;

    private ThreadCpu(Map<String, Long> ticksByThread, long processTicks, HostCpu machine) {
        this.ticksByThread = ticksByThread;
        this.processTicks = processTicks;
        this.machine = machine;
    }

    /** The machine's CPU ticks now ({@link HostCpu}); Linux only, as the rest of this class. */
    static HostCpu machine() {
        HostCpu c = HostCpu.read();
        if (c == null) {
            throw new IllegalStateException("cannot read /proc/stat (Linux only)");
        }
        return c;
    }

    /** Reads every live thread's CPU ticks now, keyed by "comm/tid". */
    static ThreadCpu now() {
        Map<String, Long> m = new TreeMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path t : tasks) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    int close = stat.lastIndexOf(')');
                    String comm = stat.substring(stat.indexOf('(') + 1, close);
                    m.put(comm + "/" + t.getFileName(), ticks(stat, close));
                } catch (IOException gone) {
                    // the thread exited while we listed
                }
            }
            String self = Files.readString(Path.of("/proc/self/stat"));
            return new ThreadCpu(m, ticks(self, self.lastIndexOf(')')), machine());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/task (Linux only)", e);
        }
    }

    private static long ticks(String stat, int close) {
        String[] f = stat.substring(close + 2).split(" ");
        // after "pid (comm) ": field 3 is f[0]; utime is field 14, stime field 15
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** The CPU seconds between {@code before} and this reading, by group, with the process total. */
    Map<String, Double> since(ThreadCpu before) {
        Map<String, Double> groups = new TreeMap<>();
        long live = 0;
        for (Map.Entry<String, Long> e : ticksByThread.entrySet()) {
            long d = e.getValue() - before.ticksByThread.getOrDefault(e.getKey(), 0L);
            live += d;
            groups.merge(group(e.getKey()), d * TICK_S, Double::sum);
        }
        long exited = processTicks - before.processTicks - live;
        groups.merge("exited threads", exited * TICK_S, Double::sum);
        groups.put("process", (processTicks - before.processTicks) * TICK_S);
        groups.put("machine: other processes", (machine.busy() - before.machine.busy() - processTicks
                + before.processTicks) * TICK_S);
        groups.put("machine: idle", (machine.idle() - before.machine.idle()) * TICK_S);
        groups.put("machine: steal", (machine.steal() - before.machine.steal()) * TICK_S);
        return groups;
    }

    private static String group(String key) {
        String comm = key.substring(0, key.lastIndexOf('/'));
        if (comm.startsWith("GC Thread") || comm.startsWith("VM Thread") || comm.startsWith("ParGC")
                || comm.startsWith("GC ")) {
            return "gc and vm: " + comm;
        }
        if (comm.startsWith("C2 Compiler") || comm.startsWith("C1 Compiler")) {
            return "jit: " + comm;
        }
        if (comm.startsWith("presence-shard")) {
            return "shard: " + comm;
        }
        if (comm.equals("java") || comm.equals("main")) {
            return "main (shard 0): " + comm;
        }
        return "other: " + comm;
    }
}
