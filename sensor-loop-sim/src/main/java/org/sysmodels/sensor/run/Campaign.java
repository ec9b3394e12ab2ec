package org.sysmodels.sensor.run;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.sysmodels.core.fault.Fault;
import org.sysmodels.core.fault.FaultPlan;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.random.RandomStream;
import org.sysmodels.core.random.RandomStreams;
import org.sysmodels.core.student.JavaStudentCode;
import org.sysmodels.sensor.check.FaultClass;
import org.sysmodels.sensor.check.FaultRecord;
import org.sysmodels.sensor.check.Outcome;
import org.sysmodels.sensor.scenario.FaultModel;

/**
 * A fault-injection campaign: N short runs, each with one fault (the single-fault assumption of an FMEDA), its class
 * taken in turn from the classes asked for, its time, target and size drawn from the campaign's seed. Every run is a
 * pure function of (setup, seed, index), so the campaign is deterministic however many threads run it; threads
 * only make it finish sooner.
 */
public final class Campaign {

    /** Settling time before faults are injected: boot, sensor start-up, the first measurements. */
    static final long SETTLE_NS = 80_000_000L;
    static final long WINDOW_NS = 50_000_000L;

    /** What to run. */
    public record Spec(int faults, List<FaultClass> classes, long seed, int threads) {
        public Spec {
            classes = List.copyOf(classes);
            if (faults < 1 || classes.isEmpty() || threads < 1) {
                throw new IllegalArgumentException("a campaign needs ≥ 1 fault, ≥ 1 class and ≥ 1 thread");
            }
        }
    }

    /** Per-class tallies. */
    public static final class ClassStats {
        public final FaultClass cls;
        public int injected;
        public int dangerous;
        public int detectedInTime;
        public int detectedLate;
        public int undetected;
        public int safeTrip;
        public int noEffect;
        public int open;
        final List<Long> detection = new ArrayList<>();
        final List<Long> reaction = new ArrayList<>();

        ClassStats(FaultClass cls) {
            this.cls = cls;
        }

        /** Diagnostic coverage: detected dangerous faults over dangerous faults (NaN if none was dangerous). */
        public double dc() {
            return dangerous == 0 ? Double.NaN : (double) (detectedInTime + detectedLate) / dangerous;
        }

        /** Safe failure fraction of the class: (safe + detected dangerous) / all. */
        public double sff() {
            return injected == 0 ? Double.NaN
                    : (double) (safeTrip + noEffect + detectedInTime + detectedLate) / injected;
        }

        /** True when every dangerous fault was handled within the FTTI. */
        public boolean fttiMet() {
            return detectedLate == 0 && undetected == 0;
        }

        public long detectionPercentile(double p) {
            return percentile(detection, p);
        }

        public long reactionPercentile(double p) {
            return percentile(reaction, p);
        }

        private static long percentile(List<Long> v, double p) {
            if (v.isEmpty()) {
                return -1;
            }
            List<Long> s = new ArrayList<>(v);
            s.sort(null);
            return s.get((int) Math.min(s.size() - 1, Math.floor(p * s.size())));
        }
    }

    /**
     * What a campaign found; {@code unfinished} has one line per run the firmware stalled before its end
     * ({@link org.sysmodels.sensor.model.core.SpinBudget}), in run order.
     */
    public record Result(Spec spec, List<FaultRecord> records, Map<FaultClass, ClassStats> stats, int hft,
                         long fttiNs, String firmware, org.sysmodels.core.check.Findings findings,
                         List<org.sysmodels.core.check.Rule> rules, List<String> unfinished) {

        /** Coverage over all classes, each class weighted equally (equal failure rates assumed). */
        public double dc() {
            double num = 0;
            double den = 0;
            for (ClassStats c : stats.values()) {
                if (c.injected == 0) {
                    continue;
                }
                double share = (double) c.dangerous / c.injected;
                num += share * (c.dangerous == 0 ? 0 : c.dc());
                den += share;
            }
            return den == 0 ? Double.NaN : num / den;
        }

        public double sff() {
            double sum = 0;
            int n = 0;
            for (ClassStats c : stats.values()) {
                if (c.injected > 0) {
                    sum += c.sff();
                    n++;
                }
            }
            return n == 0 ? Double.NaN : sum / n;
        }

        public int violations() {
            int v = 0;
            for (ClassStats c : stats.values()) {
                v += c.detectedLate + c.undetected;
            }
            return v;
        }
    }

    private Campaign() {
    }

    /** Runs the campaign against the firmware from {@code source} (or the student's). */
    public static Result run(RunSetup base, Spec spec, FirmwareSource source, JavaStudentCode student)
            throws UserInputException {
        FaultRecord[] out = new FaultRecord[spec.faults()];
        org.sysmodels.core.check.Findings[] found = new org.sysmodels.core.check.Findings[spec.faults()];
        String[] stalled = new String[spec.faults()];
        java.util.concurrent.atomic.AtomicReference<List<org.sysmodels.core.check.Rule>> held =
                new java.util.concurrent.atomic.AtomicReference<>(List.of());
        UserInputException[] problem = new UserInputException[1];
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            while (true) {
                int i = next.getAndIncrement();
                if (i >= spec.faults() || problem[0] != null) {
                    return;
                }
                try {
                    LoopRun.Result run = one(base, spec, i, source, student, org.sysmodels.core.trace.Tracer.off());
                    out[i] = run.faults().isEmpty() ? FaultRecord.notInjected(spec.classes().get(i
                            % spec.classes().size()), 0) : run.faults().get(0);
                    found[i] = run.findings();
                    if (!run.finished()) {
                        stalled[i] = "run " + i + " (" + spec.classes().get(i % spec.classes().size()).kind()
                                + (run.faults().isEmpty() ? ", its fault not injected yet" : ", "
                                + run.faults().get(0).describe()) + ") " + run.stalled().message();
                    }
                    if (i == 0) {
                        held.set(run.checker().rules());
                    }
                } catch (UserInputException e) {
                    problem[0] = e;
                }
            }
        };
        if (spec.threads() == 1) {
            worker.run();
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(spec.threads(), r -> {
                Thread t = new Thread(r, "campaign");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> fs = new ArrayList<>();
                for (int k = 0; k < spec.threads(); k++) {
                    fs.add(pool.submit(worker));
                }
                for (Future<?> f : fs) {
                    try {
                        f.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        if (e.getCause() instanceof RuntimeException re) {
                            throw re;
                        }
                        throw new IllegalStateException(e.getCause());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("campaign interrupted", e);
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
        if (problem[0] != null) {
            throw problem[0];
        }
        org.sysmodels.core.check.Findings findings = new org.sysmodels.core.check.Findings();
        for (org.sysmodels.core.check.Findings f : found) {
            if (f != null) {
                findings.addAll(f);
            }
        }
        Map<FaultClass, ClassStats> stats = new EnumMap<>(FaultClass.class);
        for (FaultClass c : spec.classes()) {
            stats.put(c, new ClassStats(c));
        }
        List<FaultRecord> records = new ArrayList<>();
        for (FaultRecord r : out) {
            if (r == null) {
                continue;
            }
            records.add(r);
            ClassStats s = stats.get(r.faultClass());
            s.injected++;
            Outcome o = r.outcome();
            if (o.dangerous()) {
                s.dangerous++;
            }
            switch (o) {
                case DETECTED -> s.detectedInTime++;
                case DETECTED_LATE -> s.detectedLate++;
                case UNDETECTED -> s.undetected++;
                case SAFE_TRIP -> s.safeTrip++;
                case NO_EFFECT -> s.noEffect++;
                case OPEN -> s.open++;
            }
            if (r.detectionTime() >= 0 && o.dangerous()) {
                s.detection.add(r.detectionTime());
            }
            if (r.reactionTime() >= 0 && o.dangerous()) {
                s.reaction.add(r.reactionTime());
            }
        }
        return new Result(spec, records, stats, base.architecture().hft(), base.fttiNs(),
                student != null ? student.fileName() : source.label(), findings,
                held.get(), java.util.Arrays.stream(stalled).filter(java.util.Objects::nonNull).toList());
    }

    /**
     * Run {@code i} of the campaign: its fault's class, time, target and size come from (seed, i), so run again with
     * {@code tracer} on it is the same run, recorded (what {@code --campaign N --trace F} writes for run 0).
     */
    public static LoopRun.Result one(RunSetup base, Spec spec, int i, FirmwareSource source,
                                     JavaStudentCode student, org.sysmodels.core.trace.Tracer tracer)
            throws UserInputException {
        long seed = RandomStreams.seedFor(spec.seed(), "campaign/" + i);
        RandomStream r = new RandomStream(seed);
        FaultClass c = spec.classes().get(i % spec.classes().size());
        long at = SETTLE_NS + r.nextLong(WINDOW_NS);
        int sensors = base.sensors().size();
        String target = switch (c.target()) {
            case SENSOR, BUS -> "sensor" + r.nextInt(sensors);
            // An RTIC application has no main loop: its first task (on TIM2, IRQ 28) is where the loop's work is.
            case CORE -> base.rtic() && (c == FaultClass.MAIN_LOOP_HANG || c == FaultClass.TASK_OVERRUN) ? "irq28"
                    : "mcu";
        };
        FaultModel sizes = new FaultModel(
                Math.copySign(Math.exp(Math.log(2.0) + r.nextDouble() * Math.log(100.0)), r.nextDouble() - 0.5),
                0.5 + 4.5 * r.nextDouble(),
                Math.copySign(1 + 29 * r.nextDouble(), r.nextDouble() - 0.5),
                1 + r.nextInt(9),
                200_000L + r.nextLong(4_800_000L),
                clockFactor(c, r),
                5_000_000L + r.nextLong(95_000_000L));
        Fault fault = switch (c) {
            case I2C_NACK -> new Fault(c.kind(), target, at, at + sizes.nackWindowOr(), 1.0, 1L);
            case I2C_CORRUPT -> new Fault(c.kind(), target, at, at + 20_000_000L, 1.0, 1L);
            default -> Fault.once(c.kind(), target, at);
        };
        long matters = c == FaultClass.SENSOR_DRIFT
                ? (long) (base.hazardError() / Math.abs(sizes.driftOr()) * 1e9) : 0;
        RunSetup setup = base.withFaultModel(sizes).withDuration(at + matters + base.fttiNs() + 20_000_000L
                + (c == FaultClass.I2C_NACK ? sizes.nackWindowOr() : 0));
        return LoopRun.run(setup, source, FaultPlan.of(fault), seed,
                new LoopRun.Options(false, tracer, student), "campaign");
    }

    /**
     * A clock fault's factor: ×0.25, ×0.5, ×1.5 or ×2 (a gross PLL or crystal fault), or for a clock drift 5–15 %
     * slow or fast, the band where a fault is dangerous but inside the clock cross-check's tolerance.
     */
    private static double clockFactor(FaultClass c, RandomStream r) {
        double gross = new double[] {0.25, 0.5, 1.5, 2.0}[r.nextInt(4)];
        if (c != FaultClass.CLOCK_DRIFT) {
            return gross;
        }
        double off = 0.05 + 0.10 * r.nextDouble();
        return r.nextDouble() < 0.5 ? 1 - off : 1 + off;
    }

    /** "93.1 %". */
    static String percent(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f %%", v * 100);
    }
}
