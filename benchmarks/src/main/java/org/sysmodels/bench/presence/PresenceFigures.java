package org.sysmodels.bench.presence;

import java.util.List;

/**
 * The presence figures that are not JMH throughputs, as bench/run rows ({@code ROW} lines), one class per row:
 * {@link MemoryRow} ({@code memory}), {@link GatewayLoadRow} ({@code load}, issue 13's gateway figure) and
 * {@link ClusterRow} ({@code cluster}, issue 15's two nodes over Redis). The other commands are the child processes
 * those rows start ({@link Children}).
 */
public final class PresenceFigures {

    private PresenceFigures() {
    }

    public static void main(String[] args) throws Exception {
        boolean longRun = List.of(args).contains("--long");
        // the load generator runs here: no leak-detection stack traces (a debugging aid; see Children.javaChild)
        io.netty.util.ResourceLeakDetector.setLevel(io.netty.util.ResourceLeakDetector.Level.DISABLED);
        switch (args.length == 0 ? "" : args[0]) {
            case "memory" -> MemoryRow.run(longRun);
            case "load" -> {
                try {
                    GatewayLoadRow.run(longRun, List.of(args));
                } catch (IllegalArgumentException e) {
                    System.err.println("PresenceFigures load: " + e.getMessage());
                    System.exit(2);
                }
            }
            case "load-part" -> GatewayLoadRow.loadPart(args[1], Integer.parseInt(args[2]),
                    Integer.parseInt(args[3]), Integer.parseInt(args[4]), Double.parseDouble(args[5]),
                    Integer.parseInt(args[6]), args.length > 7 ? Integer.parseInt(args[7]) : 0,
                    args.length > 8 && Boolean.parseBoolean(args[8]));
            case "serve" -> GatewayLoadRow.serve(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "cluster" -> ClusterRow.run(longRun, List.of(args));
            case "serve-node" -> ClusterRow.serveNode(Integer.parseInt(args[1]), Integer.parseInt(args[2]), args[3],
                    args.length > 4 ? Integer.parseInt(args[4]) : 0, args.length > 5 ? args[5] : "guilds");
            default -> {
                System.err.println("usage: PresenceFigures memory|load|cluster [--long] | serve USERS WATCHERS | "
                        + "serve-node USERS WATCHERS REDIS-URI [REUSE-PORT [guilds|mixed-pairs]] | "
                        + "load-part URL FIRST COUNT WATCHERS RATE SECONDS [WARMUP-SECONDS GC]");
                System.exit(2);
            }
        }
    }

    static void row(String label, String figure, String unit, String peer, String peerFigure, String ratio,
                    String target) {
        System.out.println(String.join("\t", "ROW", label, figure, unit, peer, peerFigure, ratio, target));
    }

    /** A row with a verdict ("met", "NOT met", "reported"). */
    static void row(String label, String figure, String unit, String peer, String peerFigure, String ratio,
                    String target, String verdict) {
        System.out.println(String.join("\t", "ROW", label, figure, unit, peer, peerFigure, ratio, target, verdict));
    }
}
