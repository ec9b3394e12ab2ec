package org.sysmodels.nvme;

import java.util.List;
import java.util.Optional;
import org.sysmodels.core.check.Rule;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.lab.BugLab;
import org.sysmodels.core.option.OptionSpec;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.scenario.ScenarioEntry;
import org.sysmodels.core.student.JavaStudentCode;
import org.sysmodels.core.student.StudentCodeFailure;
import org.sysmodels.core.student.StudentSlot;
import org.sysmodels.core.student.Template;
import org.sysmodels.core.system.QuizQuestion;
import org.sysmodels.core.system.RealityNote;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.core.system.SimSystem;
import org.sysmodels.nvme.check.AsyncEventReport;
import org.sysmodels.nvme.check.CidUnique;
import org.sysmodels.nvme.check.CqStall;
import org.sysmodels.nvme.check.DataIntegrity;
import org.sysmodels.nvme.check.DmaUseAfterFree;
import org.sysmodels.nvme.check.DoorbellBeforeReady;
import org.sysmodels.nvme.check.DoorbellValue;
import org.sysmodels.nvme.check.DoubleCompletion;
import org.sysmodels.nvme.check.DoubleFree;
import org.sysmodels.nvme.check.NoLostRequest;
import org.sysmodels.nvme.check.NoTimeout;
import org.sysmodels.nvme.check.PhaseTag;
import org.sysmodels.nvme.check.ProbeSucceeds;
import org.sysmodels.nvme.check.SqOverflow;
import org.sysmodels.nvme.check.UnknownCompletion;
import org.sysmodels.nvme.host.block.BlockDriver;
import org.sysmodels.nvme.quiz.NvmeQuiz;
import org.sysmodels.nvme.run.NvmeFlags;
import org.sysmodels.nvme.run.NvmeGrade;
import org.sysmodels.nvme.run.NvmeLabs;
import org.sysmodels.nvme.run.NvmeRun;
import org.sysmodels.nvme.run.NvmeTour;
import org.sysmodels.nvme.scenario.NvmeScenarios;

/**
 * {@code sim nvme}: an NVMe controller at register level with a Linux-style driver, blk-mq and a fio-like workload;
 * run-time checks, bug labs, a quiz, a student slot for a driver of one's own ({@code --driver}), and a threaded mode
 * that puts host and device on two real threads.
 */
public final class NvmeSystem implements SimSystem {

    private static final StudentSlot SLOT = new StudentSlot("--driver", "driver", StudentSlot.Kind.JAVA_SOURCE,
            "One Java class implementing org.sysmodels.nvme.host.block.BlockDriver: an NVMe driver that brings the "
                    + "device up through BAR0 (org.sysmodels.nvme.host.platform.Platform), creates I/O queues, "
                    + "turns each blk-mq request into a command and completes it from the completion queue. It runs "
                    + "in place of the reference driver under the workload, every check and fault of the scenario.",
            List.of(Template.resource(NvmeSystem.class, "driver", "a minimal, complete NVMe driver: bring-up, one "
                    + "I/O queue pair, submit, complete by interrupt", "MyDriver.java",
                    "/org/sysmodels/nvme/template/MyDriver.java")));

    @Override
    public String name() {
        return "nvme";
    }

    @Override
    public String title() {
        return "NVMe controller at register level, with a Linux-style driver";
    }

    @Override
    public String description() {
        return "An NVMe controller modelled at the register level (BAR0, doorbells, submission and completion "
                + "queues bit-exact in host memory, PRPs, phase tags, MSI-X, arbitration, the admin and NVM command "
                + "sets with their status codes), driven by a Linux-style driver through blk-mq and a fio-like "
                + "workload. Run-time checks catch protocol bugs; bug labs show seven of them; --driver runs your own.";
    }

    @Override
    public List<ScenarioEntry> scenarios() {
        return NvmeScenarios.CATALOG.entries();
    }

    @Override
    public List<BugLab> bugLabs() {
        return NvmeLabs.labs();
    }

    @Override
    public List<Rule> rules() {
        return List.of(CidUnique.RULE, SqOverflow.RULE, PhaseTag.RULE, DoorbellValue.RULE, DoorbellBeforeReady.RULE,
                DmaUseAfterFree.RULE, DoubleFree.RULE, CqStall.RULE, UnknownCompletion.RULE, NoTimeout.RULE,
                ProbeSucceeds.RULE, AsyncEventReport.RULE, NoLostRequest.RULE, DoubleCompletion.RULE,
                DataIntegrity.RULE);
    }

    @Override
    public List<OptionSpec<?>> options() {
        return NvmeFlags.ALL;
    }

    @Override
    public Optional<StudentSlot> student() {
        return Optional.of(SLOT);
    }

    @Override
    public RunResult run(RunRequest request) throws UserInputException, StudentCodeFailure {
        return NvmeRun.run(request, RunResult.builder(name(), title(), request.seed()));
    }

    @Override
    public RunResult grade(RunRequest request) throws UserInputException {
        JavaStudentCode code = JavaStudentCode.compile(request.student().orElseThrow(
                () -> new UserInputException("--grade needs a file")), BlockDriver.class, SLOT.noun());
        return NvmeGrade.grade(request, code, RunResult.builder(name(), title(), request.seed()));
    }

    @Override
    public RunResult tour(RunRequest request) {
        return NvmeTour.run(RunResult.builder(name(), title(), request.seed()), request);
    }

    @Override
    public List<QuizQuestion> quiz(RunRequest request) {
        return NvmeQuiz.generate(request.seed());
    }

    @Override
    public List<RealityNote> reality() {
        return List.of(
                new RealityNote("NVMe queues are rings in host memory: the host writes commands and a tail doorbell, "
                        + "the controller writes completions whose phase tag flips on every wrap, and one slot is "
                        + "always left empty so full and empty can be told apart.",
                        "NVM Express Base Specification 1.4, §4.1 and §4.6"),
                new RealityNote("Linux uses the blk-mq tag as the NVMe command identifier and sizes the tag set "
                        + "below the queue size, so a correct driver never overflows an SQ; it rings the doorbell once "
                        + "per batch (bd->last).", "Linux drivers/nvme/host/pci.c (nvme_queue_rq, nvme_setup_io_queues)"),
                new RealityNote("The Rust NVMe driver (rnvme) is out of tree and described as \"not currently "
                        + "suitable for general use\"; Linux's production NVMe driver is C.",
                        "rust-for-linux.com, NVMe driver page"),
                new RealityNote("SPDK's user-space driver has shown more than 10 M 4 KiB IOPS on one core (2019) and "
                        + "13.85 M 512-byte IOPS (2021); io_uring about 10 M IOPS per core (2021). One Optane P5800X "
                        + "does about 2.6 M 4 KiB IOPS: 1 M commands/s is device-class, 10 M/s the fastest host stacks.",
                        "SPDK NVMe performance reports 2019 and 2021; Jens Axboe, io_uring 2021; Intel P5800X "
                        + "product brief"),
                new RealityNote("Interrupt coalescing trades latency for fewer interrupts: the controller waits for "
                        + "THR + 1 entries or TIME × 100 µs, whichever comes first.",
                        "NVMe Base Specification 1.4, §5.21.1.8"));
    }
}
