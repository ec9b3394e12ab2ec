package org.sysmodels.irp.run;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.sysmodels.core.check.Finding;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Severity;
import org.sysmodels.core.random.RandomStreams;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.core.student.StudentCodeFailure;
import org.sysmodels.core.student.StudentFault;
import org.sysmodels.core.trace.TraceLog;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.irp.check.IrpLeaked;
import org.sysmodels.irp.check.Verifier;
import org.sysmodels.irp.host.DeviceStack;
import org.sysmodels.irp.host.labs.VolumeFilter;
import org.sysmodels.irp.host.drivers.RamDisk;
import org.sysmodels.irp.host.drivers.SampleDrivers;
import org.sysmodels.irp.host.labs.NeedsOtherStack;
import org.sysmodels.irp.host.workload.RequestMix;
import org.sysmodels.irp.host.workload.Workload;
import org.sysmodels.irp.host.workload.WorkloadSpec;
import org.sysmodels.irp.model.SystemHalt;
import org.sysmodels.irp.model.hal.SimulatedDevice;
import org.sysmodels.irp.model.io.DeviceNotStarted;
import org.sysmodels.irp.model.io.Kernel;
import org.sysmodels.irp.scenario.IrpScenario;
import org.sysmodels.irp.scenario.MixEntry;
import org.sysmodels.irp.scenario.WorkloadSection;
import org.sysmodels.irp.wdm.WdmDriver;

/**
 * One run: the machine (scheduler, processors, kernel), the verifier as the kernel's observer (plus the trace when
 * asked for), the device stack the scenario describes (with a lab's buggy driver or a student's driver in it), the
 * workload; then run until the workload is done or its time is up, let in-flight requests drain, and hand back what
 * happened. A stop (bug check) ends the run at once and is part of the outcome, never an exception.
 */
public final class IrpRun {

    /** A student's (or a test's) driver placed at a position next to the function driver, or replacing it. */
    public record Inserted(String name, DeviceStack.Position position, WdmDriver driver) {
    }

    /**
     * How to run a scenario.
     *
     * @param replacements sample drivers replaced by other classes (a bug lab's variant), by sample name
     * @param inserted     a driver added to the stack, or null
     * @param otherStack   depth of a second device stack to build for drivers that send IRPs into it (0: none)
     */
    public record Options(long seed, int traceEvents, Map<String, Supplier<WdmDriver>> replacements,
                          Inserted inserted, int otherStack, boolean removeAtEnd) {

        public Options {
            replacements = replacements == null ? Map.of() : Map.copyOf(replacements);
        }

        public static Options seed(long seed) {
            return new Options(seed, 0, Map.of(), null, 0, false);
        }

        /** Records a trace of at most {@code events} events (0: none). */
        public Options withTrace(int events) {
            return new Options(seed, events, replacements, inserted, otherStack, removeAtEnd);
        }

        public Options withReplacements(Map<String, Supplier<WdmDriver>> r, int other) {
            return new Options(seed, traceEvents, r, inserted, other, removeAtEnd);
        }

        public Options withInserted(Inserted i) {
            return new Options(seed, traceEvents, replacements, i, otherStack, removeAtEnd);
        }

        /** Sends IRP_MN_REMOVE_DEVICE through the stack after the workload has drained. */
        public Options withRemoveAtEnd(boolean remove) {
            return new Options(seed, traceEvents, replacements, inserted, otherStack, remove);
        }
    }

    /**
     * What a run produced.
     *
     * @param thrown   what a driver threw (a student's bug), or null
     * @param removal  the final status of IRP_MN_REMOVE_DEVICE, if the run removed the device
     * @param endedAt  when the run ended: its last event, or the last routine's end if that is later
     * @param cutOffAt when the run stopped issuing at its virtual-time cut-off ({@link WorkloadSection#LONGEST_NS})
     *                 short of its request count with the machine still at work, or -1
     * @param inFlight requests still outstanding at the end while the machine still had work scheduled: they had no
     *                 chance to finish, so they are not leaks ({@link org.sysmodels.irp.check.IrpLeaked})
     */
    public record Outcome(IrpScenario scenario, Options options, Kernel kernel, DeviceStack stack, Workload workload,
                          IrpMetrics metrics, Findings findings, Verifier verifier, DispatchCounts dispatches,
                          TraceLog trace, Throwable thrown, Integer removal, long endedAt, long cutOffAt,
                          long inFlight) {

        public SystemHalt stop() {
            return verifier.stop();
        }

        public boolean clean() {
            return findings.violations() == 0 && thrown == null;
        }

        /**
         * What went wrong with a driver plugged in, as a finding: a stack that did not come up (Windows' Device
         * Manager problem code), or what the driver threw, on its line.
         */
        public Finding thrownFinding() {
            return thrown instanceof DeviceNotStarted d
                    ? new Finding(Severity.VIOLATION, StudentFault.RULE.name(), d.getMessage(), endedAt, d.where(),
                    "WDK Device Manager error messages (cfg.h)")
                    : StudentFault.of(thrown, "driver", endedAt);
        }
    }

    private IrpRun() {
    }

    public static Outcome run(IrpScenario sc, Options o) {
        return run(sc, o, k -> { });
    }

    /**
     * A run of a student's driver under Windows' DPC watchdog ({@link DpcWatchdog}): a routine that never returns at
     * DISPATCH_LEVEL or above is bug check 0x133 after a little under {@code left} of real time (what remains of the
     * run's time {@code limit}, which the finding names).
     */
    public static Outcome watched(IrpScenario sc, Options o, Duration limit, Duration left)
            throws StudentCodeFailure {
        return DpcWatchdog.run(limit, left, sink -> run(sc, o, sink));
    }

    /**
     * The same as {@link #run(IrpScenario, Options)}, handing the run's kernel to {@code kernelSink} first (the DPC
     * watchdog of a student's run).
     */
    static Outcome run(IrpScenario sc, Options o, Consumer<Kernel> kernelSink) {
        Scheduler scheduler = new Scheduler();
        Kernel kernel = new Kernel(scheduler, sc.processors(), sc.costs().costs());
        kernelSink.accept(kernel);
        RandomStreams random = new RandomStreams(o.seed());
        Findings findings = new Findings();
        Verifier verifier = new Verifier(kernel, findings);
        Tracer tracer = o.traceEvents() > 0 ? Tracer.recording("irp", o.traceEvents()) : Tracer.off();
        TraceRecorder recorder = o.traceEvents() > 0 ? new TraceRecorder(tracer, kernel) : null;
        DispatchCounts dispatches = new DispatchCounts();
        IrpMetrics metrics = new IrpMetrics();
        kernel.setObserver(Tee.of(Tee.of(Tee.of(verifier, dispatches), metrics), recorder));
        DeviceStack stack = null;
        Workload workload = null;
        Throwable thrown = null;
        Integer removal = null;
        long cutOffAt = -1;
        try {
            stack = buildStack(kernel, sc, o, random);
            if (o.otherStack() > 0) {
                DeviceStack other = otherStack(kernel, o.otherStack());
                for (DeviceStack.Member m : stack.members()) {
                    if (m.driver() instanceof NeedsOtherStack n) {
                        n.setOtherStack(other.top());
                    }
                }
            }
            workload = new Workload(kernel, stack.top(), sc.stack().diskSize(), workloadSpec(sc), random, metrics);
            Workload w = workload;
            w.onIdle(scheduler::stop);
            long t0 = scheduler.now();
            w.start();
            long issueEnd = sc.workload().duration() > 0 ? t0 + sc.workload().duration() : t0 + WorkloadSection.LONGEST_NS;
            scheduler.runUntil(issueEnd);
            if (sc.workload().duration() <= 0 && w.issued() < sc.workload().requests() && scheduler.pending() > 0) {
                cutOffAt = issueEnd;    // short of the count at the cut-off, and not because the machine went idle
            }
            w.stop();
            scheduler.runUntil(scheduler.now() + sc.workload().drain());
            if (o.removeAtEnd() && verifier.stop() == null) {
                removal = stack.remove();
            }
        } catch (SystemHalt h) {
            verifier.stopped(h);
        } catch (RuntimeException | StackOverflowError | AssertionError | LinkageError e) {
            // LinkageError: a driver's own class whose static initializer threw (no Windows counterpart)
            thrown = e;
        }
        long end = verifier.stop() != null ? verifier.stop().context().at() : lastWork(kernel, metrics);
        boolean ran = verifier.stop() == null && thrown == null;
        long inFlight = ran && workload != null && IrpLeaked.stillWorking(kernel) ? workload.outstanding() : 0;
        if (ran) {
            verifier.finish(end);
        }
        if (recorder != null) {
            recorder.closeOpen(end);
        }
        return new Outcome(sc, o, kernel, stack, workload, metrics, findings, verifier, dispatches,
                o.traceEvents() > 0 ? tracer.log() : null, thrown, removal, end, cutOffAt, inFlight);
    }

    /**
     * The end of a run that was not stopped: the scheduler's time, or later if a routine ran on past its event (a
     * processor's clock runs ahead of the event that started its work by the routines' costs).
     */
    private static long lastWork(Kernel kernel, IrpMetrics metrics) {
        long end = Math.max(kernel.now(), metrics.lastFinish());
        for (int i = 0; i < kernel.processorCount(); i++) {
            end = Math.max(end, kernel.processor(i).busyUntil());
        }
        return end;
    }

    /** The scenario's stack, with replacements and the inserted driver. */
    static DeviceStack buildStack(Kernel kernel, IrpScenario sc, Options o, RandomStreams random) {
        SimulatedDevice hw = sc.device().hardware()
                ? new SimulatedDevice(kernel, "ramdisk controller", sc.device().latency(),
                random.stream("device.latency"), sc.device().channels()) : null;
        DeviceStack.Builder b = DeviceStack.on(kernel).hardware(hw);
        for (String name : sc.stack().lower()) {
            b.lower(label(name), create(name, o));
        }
        if (o.inserted() != null && o.inserted().position() == DeviceStack.Position.LOWER) {
            b.lower(o.inserted().name(), o.inserted().driver());
        }
        if (o.inserted() != null && o.inserted().position() == DeviceStack.Position.FUNCTION) {
            b.function(o.inserted().name(), o.inserted().driver());
        } else {
            String f = sc.stack().function();
            WdmDriver d = o.replacements().containsKey(f) ? o.replacements().get(f).get()
                    : f.equals("ramdisk") ? new RamDisk((int) (long) sc.stack().diskSize())
                    : SampleDrivers.byName(f).create().get();
            b.function(label(f), d);
        }
        if (o.inserted() != null && o.inserted().position() == DeviceStack.Position.UPPER) {
            b.upper(o.inserted().name(), o.inserted().driver());
        }
        for (String name : sc.stack().upper()) {
            b.upper(label(name), create(name, o));
        }
        return b.build();
    }

    private static WdmDriver create(String name, Options o) {
        Supplier<WdmDriver> r = o.replacements().get(name);
        return r != null ? r.get() : SampleDrivers.byName(name).create().get();
    }

    /** The driver object's name for a sample ("\\Driver\\ReadPostProcess" for "read-postprocess"). */
    static String label(String sample) {
        return switch (sample) {
            case "ramdisk" -> "RamDisk";
            case "ramdisk-classic" -> "RamDiskClassic";
            case "counting" -> "CountingFilter";
            case "read-postprocess" -> "ReadPostProcess";
            case "ioctl-filter" -> "IoctlFilter";
            case "splitter" -> "Splitter";
            default -> sample;
        };
    }

    private static DeviceStack otherStack(Kernel kernel, int depth) {
        DeviceStack.Builder b = DeviceStack.on(kernel).pdoName("\\Device\\00000002")
                .function("Volume", new RamDisk(1 << 16));
        for (int i = 0; i < depth - 2; i++) {
            b.upper("VolumeFilter" + i, new VolumeFilter());
        }
        return b.build();
    }

    static WorkloadSpec workloadSpec(IrpScenario sc) {
        WorkloadSection w = sc.workload();
        java.util.List<RequestMix.Entry> entries = new java.util.ArrayList<>();
        for (MixEntry e : w.mix()) {
            entries.add(new RequestMix.Entry(e.operation(), e.weight(), (int) (long) e.size(), e.ioControlCode(),
                    (int) (long) e.input()));
        }
        return new WorkloadSpec(w.threads(), w.iodepth(), w.mode() == WorkloadSection.Mode.OPEN, w.rate(), w.think(),
                w.requests(), w.duration(), w.drain(), new RequestMix(entries), sc.cancellation().plan());
    }
}
