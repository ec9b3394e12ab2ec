package org.sysmodels.nvme.run;

import java.util.List;
import java.util.function.Supplier;
import org.sysmodels.core.fault.Fault;
import org.sysmodels.core.grade.GradeCase;
import org.sysmodels.core.grade.GradeRow;
import org.sysmodels.core.grade.Grader;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.student.JavaStudentCode;
import org.sysmodels.core.student.StudentCodeFailure;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.nvme.host.block.BlockDriver;
import org.sysmodels.nvme.scenario.HostSpec;
import org.sysmodels.nvme.scenario.NvmeScenario;
import org.sysmodels.nvme.scenario.NvmeScenarios;
import org.sysmodels.nvme.scenario.WorkloadSpec;

/**
 * {@code sim nvme --grade MyDriver.java}: the student's driver through the packaged scenarios (shortened) and harder
 * cases: queues as small as CAP.MQES allows, many CPUs on few queues, misaligned buffers (PRP1 offsets), media
 * errors, a stuck command and a fatal controller error. One row per case: rules clean out of rules held, and the first
 * finding of a failure.
 */
public final class NvmeGrade {

    private record Case(GradeCase gradeCase, Supplier<NvmeScenario> scenario) {
    }

    private static final List<Case> CASES = List.of(
            new Case(new GradeCase("randread", "4 KiB random reads, iodepth 32: bring-up, submit, complete"),
                    () -> packaged("randread", 3_000)),
            new Case(new GradeCase("randrw-512", "mixed reads and writes on 512-byte LBAs, 4 jobs: data integrity"),
                    () -> packaged("randrw-512", 1_000)),
            new Case(new GradeCase("big-blocks", "128 KiB reads: 32 pages per command, PRP lists"),
                    () -> packaged("big-blocks", 500)),
            new Case(new GradeCase("wrr", "a device that holds 8 commands, 4 jobs: queue-full handling"),
                    () -> packaged("wrr", 1_000)),
            new Case(new GradeCase("small-queues", "CAP.MQES = 3: queues of at most 4 entries, iodepth 32"),
                    () -> NvmeScenario.DEFAULT.withDevice(NvmeScenario.DEFAULT.device().withQueueLimits(3, 1024))
                            .withWorkload(WorkloadSpec.DEFAULT.withIos(2_000))),
            new Case(new GradeCase("many-cpus", "16 jobs on 16 CPUs: many submitters on the driver's queues"),
                    () -> NvmeScenario.DEFAULT.withHost(HostSpec.DEFAULT.withQueues(0, 16))
                            .withWorkload(WorkloadSpec.DEFAULT.with(null, null, 8, 16, 300L, null, null))),
            new Case(new GradeCase("buffer-offset", "buffers 512 bytes into their page: PRP1 offsets, PRP2 pages"),
                    () -> NvmeScenario.DEFAULT.withWorkload(WorkloadSpec.DEFAULT.with(
                            org.sysmodels.nvme.host.workload.Rw.RANDRW, 16_384L, 16, 1, 2_000L, null, 50)
                            .withBufferOffset(512))),
            new Case(new GradeCase("media-errors", "1% of reads fail with Unrecovered Read Error: status passed on"),
                    () -> NvmeScenario.DEFAULT.withWorkload(WorkloadSpec.DEFAULT.withIos(2_000))
                            .withFaults(List.of(new Fault("unrecovered-read-error", "ns1", null, null, 0.01, null)))),
            new Case(new GradeCase("stuck-command", "one command lost in the device: timeout, Abort, retry"),
                    () -> NvmeScenario.DEFAULT.withHost(HostSpec.DEFAULT.withTimeouts(5_000_000L, 10_000_000L))
                            .withWorkload(WorkloadSpec.DEFAULT.withIos(3_000))
                            .withFaults(List.of(new Fault("stuck-command", "ns1", 2_000_000L, null, 1.0, 1L)))),
            new Case(new GradeCase("controller-reset", "a fatal controller error (CSTS.CFS): reset and requeue"),
                    () -> NvmeScenario.DEFAULT.withHost(HostSpec.DEFAULT.withTimeouts(5_000_000L, 10_000_000L))
                            .withWorkload(WorkloadSpec.DEFAULT.withIos(3_000))
                            .withFaults(List.of(new Fault("controller-fatal", "controller", 5_000_000L, null, 1.0,
                                    1L)))));

    private NvmeGrade() {
    }

    /** The cases of the battery, for help and tests. */
    public static List<GradeCase> cases() {
        return CASES.stream().map(Case::gradeCase).toList();
    }

    public static RunResult grade(RunRequest request, JavaStudentCode code, RunResult.Builder b)
            throws UserInputException {
        List<GradeRow> rows = Grader.grade(cases(), code, request.timeLimit(), c -> {
            NvmeScenario s = CASES.stream().filter(k -> k.gradeCase() == c).findFirst().orElseThrow().scenario().get();
            BlockDriver driver;
            try {
                driver = code.newInstance(BlockDriver.class);
            } catch (StudentCodeFailure f) {
                return RunResult.builder("nvme", c.name(), request.seed()).finding(f.finding()).build();
            }
            Outcome o = new Simulation(s, request.seed(), Tracer.off(), config -> driver).run();
            return RunResult.builder("nvme", c.name(), request.seed()).checks(o.sim().checks.checker().rules())
                    .findings(o.findings()).build();
        });
        return Grader.report(b, "sim nvme --grade " + code.fileName() + " (seed " + request.seed() + ")", rows)
                .build();
    }

    private static NvmeScenario packaged(String name, long ios) {
        try {
            NvmeScenario s = NvmeScenarios.CATALOG.resolve(name);
            return s.withWorkload(s.workload().withIos(ios));
        } catch (UserInputException e) {
            throw new IllegalStateException("packaged scenario " + name + " does not load", e);
        }
    }
}
