package org.sysmodels.nvme.run;

import org.sysmodels.core.scenario.Sizes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.core.run.Plot;
import org.sysmodels.core.run.Series;
import org.sysmodels.core.run.Table;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.student.StudentCodeFailure;
import java.util.function.Function;
import org.sysmodels.nvme.host.block.BlockDriver;
import org.sysmodels.nvme.host.driver.DriverConfig;
import org.sysmodels.nvme.host.driver.LinuxDriver;
import org.sysmodels.nvme.scenario.NvmeScenario;

/**
 * IOPS and latency against queue depth: the same workload at depths 1, 2, 4, ... The device has a fixed number of
 * internal units, so IOPS grow with depth until every unit is busy and then stay flat at units / mean service time,
 * while latency stays at the service time until then and grows linearly after (Little's law: L = λW).
 */
public final class QueueDepthSweep {

    /** One depth's results. */
    public record Point(int depth, double iops, double meanNanos, long p99Nanos) {
    }

    public final List<Point> points = new ArrayList<>();
    public final Findings findings = new Findings();
    public final List<Rule> rules = new ArrayList<>();

    /** A fresh driver for each depth's run (a driver object holds one device's state). */
    public interface Drivers {
        Function<DriverConfig, ? extends BlockDriver> next() throws UserInputException, StudentCodeFailure;
    }

    /** The sweep with the reference driver. */
    public QueueDepthSweep(NvmeScenario base, long seed, int[] depths, long iosPerPoint) {
        for (int depth : depths) {
            measure(base, seed, depth, iosPerPoint, LinuxDriver::new);
        }
    }

    /**
     * The sweep with the driver the run asked for: the reference, a bug lab's or the student's.
     * @throws StudentCodeFailure if a student's driver cannot be made
     */
    public QueueDepthSweep(NvmeScenario base, long seed, int[] depths, long iosPerPoint, Drivers drivers)
            throws UserInputException, StudentCodeFailure {
        for (int depth : depths) {
            measure(base, seed, depth, iosPerPoint, drivers.next());
        }
    }

    private void measure(NvmeScenario base, long seed, int depth, long iosPerPoint,
                         Function<DriverConfig, ? extends BlockDriver> driver) {
        NvmeScenario s = base.withWorkload(base.workload().withIodepth(depth).withIos(iosPerPoint));
        Outcome o = new Simulation(s, seed, Tracer.off(), driver).run();
        points.add(new Point(depth, o.iops(), o.latency().mean(), o.latency().p99()));
        findings.addAll(o.findings());
        if (rules.isEmpty()) {
            rules.addAll(o.sim().checks.checker().rules());
        }
    }

    public static int[] powersOfTwo(int max) {
        int n = 32 - Integer.numberOfLeadingZeros(max);
        int[] d = new int[n];
        for (int i = 0; i < n; i++) {
            d[i] = 1 << i;
        }
        return d;
    }

    /** Saturation IOPS the service model predicts: units / mean read service time. */
    public static double predictedMaxIops(NvmeScenario s) {
        return s.device().units() * 1e9 / s.device().read().expectedValue();
    }

    public Table table(NvmeScenario s) {
        List<List<String>> rows = new ArrayList<>();
        for (Point p : points) {
            rows.add(List.of(Integer.toString(p.depth()), String.format(Locale.ROOT, "%,.0f", p.iops()),
                    SimTime.format(Math.round(p.meanNanos())), SimTime.format(p.p99Nanos()),
                    String.format(Locale.ROOT, "%.1f", p.iops() * p.meanNanos() / 1e9)));
        }
        return new Table("IOPS and latency against queue depth (" + s.workload().rw().fio() + ", bs "
                + Sizes.format(s.workload().bs()) + ", " + s.device().units() + " device units)",
                List.of("iodepth", "IOPS", "mean clat", "p99 clat", "in flight (IOPS × W)"), rows);
    }

    public List<Plot> plots(NvmeScenario s) {
        double[] x = points.stream().mapToDouble(Point::depth).toArray();
        double[] iops = points.stream().mapToDouble(p -> p.iops() / 1000).toArray();
        double[] limit = points.stream().mapToDouble(p -> predictedMaxIops(s) / 1000).toArray();
        double[] mean = points.stream().mapToDouble(p -> p.meanNanos() / 1000).toArray();
        double[] p99 = points.stream().mapToDouble(p -> p.p99Nanos() / 1000.0).toArray();
        return List.of(
                new Plot("iops-vs-qd", "IOPS against queue depth", "iodepth", "kIOPS", Plot.Kind.LINE, true, false,
                        List.of(new Series("simulated", x, iops), new Series("units / mean service time", x, limit))),
                new Plot("latency-vs-qd", "Completion latency against queue depth", "iodepth", "latency (µs)",
                        Plot.Kind.LINE, true, false, List.of(new Series("mean", x, mean), new Series("p99", x, p99))));
    }
}
