package org.sysmodels.irp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sysmodels.core.check.Finding;
import org.sysmodels.core.check.RuleTally;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.lab.BugLab;
import org.sysmodels.core.lab.LabVerdict;
import org.sysmodels.core.option.Options;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.run.Table;
import org.sysmodels.core.student.CompileException;
import org.sysmodels.core.student.StudentCodeFailure;
import org.sysmodels.core.student.StudentFault;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.irp.check.OtherBugCheck;
import org.sysmodels.irp.check.Verifier;
import org.sysmodels.irp.scenario.WorkloadSection;
import org.sysmodels.irp.scenario.IrpScenarios;
import org.sysmodels.core.time.SimTime;

/** sim irp through its SimSystem: runs, labs, student drivers, grading, quiz, bad input. */
class IrpSystemTest {

    private final IrpSystem irp = new IrpSystem();

    @TempDir
    Path dir;

    static Options small() {
        return Options.none().with(IrpSystem.REQUESTS, 2_000L);
    }

    @Test
    void everyPackagedScenarioRunsCleanUnderDifferentSchedules() throws Exception {
        for (long seed : new long[] {2, 5}) {
            for (var e : irp.scenarios()) {
                RunResult r = irp.run(RunRequest.ofSeed(seed).withScenario(e.name()).withOptions(small()));
                assertTrue(r.passed(), e.name() + " seed " + seed + ": " + r.findings());
                assertEquals(irp.rules().size(), r.cleanChecks().size(), e.name());
            }
        }
    }

    @Test
    void aDispatchEntrySetToNullAfterDriverEntryIsACallToAddressZero() throws Exception {
        Edited e = edited("filter", small(), "        filter.Flags &= ~DO_DEVICE_INITIALIZING;\n",
                "        filter.Flags &= ~DO_DEVICE_INITIALIZING;\n        driver.MajorFunction[IRP_MJ_READ] = null;\n");
        RunResult r = e.result();
        assertFalse(r.passed());
        Finding first = r.findings().get(0);
        assertEquals("unhandled-exception", first.rule());
        // a read from the workload's user thread at PASSIVE_LEVEL: SYSTEM_SERVICE_EXCEPTION, an access violation at 0
        assertTrue(first.message().startsWith("0x0000003B SYSTEM_SERVICE_EXCEPTION (0xc0000005, 0, "), first.message());
        assertTrue(first.message().contains("\\Driver\\MyFilter's DriverObject.MajorFunction[IRP_MJ_READ] is NULL: "
                + "IofCallDriver called it"), first.message());
    }

    @Test
    void aDispatchEntryDriverEntryLeavesNullIsSetBackToTheInvalidRequestRoutine() throws Exception {
        Edited e = edited("filter", small(), "DriverObject.MajorFunction[IRP_MJ_READ] = this::DispatchRead;",
                "DriverObject.MajorFunction[IRP_MJ_READ] = null;");
        RunResult r = e.result();
        assertTrue(r.findings().stream().noneMatch(f -> f.rule().equals("unhandled-exception")), r.findings().toString());
        assertTrue(r.summary().stream().anyMatch(l -> l.contains("STATUS_INVALID_DEVICE_REQUEST")), r.summary().toString());
    }

    @Test
    void aCancelRoutineLeftOnACompletedIrpNamesWhoArmedIt() throws Exception {
        RunResult r = irp.run(RunRequest.ofSeed(1).withBug("sets-cancel-routine-after-completing"));
        String m = r.findings().get(0).message();
        assertTrue(m.startsWith("0x00000048 CANCEL_STATE_IN_COMPLETED_IRP"), m);
        assertTrue(m.contains("\\Driver\\RamDiskClassic DPC set it at ") && m.endsWith("after the IRP had completed"),
                "the lab's DPC arms the routine on the IRP it has just completed: " + m);
    }

    @Test
    void everyVerifierRuleHasABugLabThatItCatchesFirst() throws Exception {
        Set<String> covered = new HashSet<>();
        for (BugLab lab : irp.bugLabs()) {
            RunResult r = irp.run(RunRequest.ofSeed(1).withBug(lab.name()));
            LabVerdict v = r.lab().orElseThrow();
            assertTrue(v.caught(), lab.name() + ": " + v.lines());
            assertFalse(r.passed());
            assertEquals(lab.rule().name(), v.own().map(RuleTally::rule).orElseThrow());
            assertEquals(lab.rule().name(), r.findings().get(0).rule(), lab.name() + " is caught first by its rule");
            covered.add(lab.rule().name());
        }
        for (var rule : irp.rules()) {
            if (!rule.name().equals(OtherBugCheck.RULE.name())) {
                assertTrue(covered.contains(rule.name()), "no bug lab for rule " + rule.name());
            }
        }
    }

    @Test
    void theScenarioLineSaysWhichFlagsChangedThePackagedScenario() throws Exception {
        RunResult r = irp.run(RunRequest.ofSeed(1).withOptions(small().with(IrpSystem.PROCESSORS, 16)
                .with(IrpSystem.CANCEL, 0.1)));
        String line = r.summary().stream().filter(l -> l.startsWith("scenario: ")).findFirst().orElseThrow();
        assertTrue(line.endsWith("; changed by --processors 16 --requests 2000 --cancel 0.1"), line);
        assertTrue(r.summary().stream().anyMatch(l -> l.startsWith("machine: 16 processors")), r.summary().toString());
    }

    @Test
    void bothTemplatesCompileRunCleanAndPassTheBattery() throws Exception {
        for (var t : irp.student().orElseThrow().templates()) {
            Path f = dir.resolve(t.fileName());
            Files.writeString(f, t.text());
            Options position = small().with(IrpSystem.POSITION, t.name().equals("function") ? "function" : "upper");
            RunResult run = irp.run(RunRequest.ofSeed(4).withStudent(f).withOptions(position));
            assertTrue(run.passed(), t.name() + ": " + run.findings());
            RunResult grade = irp.grade(RunRequest.ofSeed(4).withStudent(f).withOptions(Options.none()
                    .with(IrpSystem.POSITION, t.name().equals("function") ? "function" : "upper")));
            assertTrue(grade.passed(), t.name() + ": " + grade.tables().get(0).rows());
        }
    }

    @Test
    void theFortyLineFilterOfTheDocsRunsCleanAndPassesTheBattery() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "irp.md"));
        int at = doc.indexOf("### A filter in 40 lines");
        int start = doc.indexOf("```java\n", at) + "```java\n".length();
        String code = doc.substring(start, doc.indexOf("```", start));
        assertTrue(code.lines().count() <= 40, "the example has " + code.lines().count() + " lines");
        Path f = dir.resolve("ReadCounter.java");
        Files.writeString(f, code);
        RunResult run = irp.run(RunRequest.ofSeed(5).withStudent(f).withOptions(small()));
        assertTrue(run.passed(), run.findings().toString());
        RunResult grade = irp.grade(RunRequest.ofSeed(5).withStudent(f));
        assertTrue(grade.passed(), grade.tables().get(0).rows().toString());
    }

    @Test
    void theFilterTemplateAlsoWorksAsALowerFilter() throws Exception {
        Path f = dir.resolve("MyFilter.java");
        Files.writeString(f, irp.student().orElseThrow().template("filter").orElseThrow().text());
        RunResult run = irp.run(RunRequest.ofSeed(4).withStudent(f).withOptions(small()
                .with(IrpSystem.POSITION, "lower")));
        assertTrue(run.passed(), run.findings().toString());
        assertTrue(run.summary().stream().anyMatch(l -> l.contains("lower filter")), run.summary().toString());
    }

    @Test
    void aLowerFilterIsGradedOnTheRequestsThatReachItBelowTheRamDisk() throws Exception {
        String template = irp.student().orElseThrow().template("filter").orElseThrow().text();
        Options lower = Options.none().with(IrpSystem.POSITION, "lower");
        Path f = dir.resolve("MyFilter.java");
        Files.writeString(f, template);
        RunResult good = irp.grade(RunRequest.ofSeed(4).withStudent(f).withOptions(lower));
        assertTrue(good.passed(), good.tables().get(0).rows().toString());

        // fails every request that reaches it: the RAM disk above completes reads, writes and its own IOCTL itself
        String from = "        IoSkipCurrentIrpStackLocation(irp);                         // the lower driver";
        String failing = template.replace(from, "        if (IoGetCurrentIrpStackLocation(irp).MajorFunction == "
                + "IRP_MJ_DEVICE_CONTROL) {\n            irp.IoStatus.Status = STATUS_INVALID_PARAMETER;\n"
                + "            IoCompleteRequest(irp, IO_NO_INCREMENT);\n            return STATUS_INVALID_PARAMETER;\n"
                + "        }\n" + from);
        assertTrue(!failing.equals(template), "the filter template has no " + from);
        Files.writeString(f, failing);
        List<List<String>> rows = irp.grade(RunRequest.ofSeed(4).withStudent(f).withOptions(lower)).tables().get(0)
                .rows();
        for (List<String> row : rows) {
            assertEquals("FAIL", row.get(2), row.toString());
            assertTrue(row.get(3).contains("case-tested") && row.get(3).contains("STATUS_INVALID_PARAMETER for "
                    + "IRP_MJ_DEVICE_CONTROL"), row.toString());
        }
    }

    @Test
    void theStackTableCountsTheStudentsDispatchesToo() throws Exception {
        Path f = dir.resolve("MyFilter.java");
        Files.writeString(f, irp.student().orElseThrow().template("filter").orElseThrow().text());
        RunResult r = irp.run(RunRequest.ofSeed(1).withStudent(f).withOptions(small()));
        Table stack = r.tables().stream().filter(t -> t.title().equals("Device stack, top first")).findFirst()
                .orElseThrow();
        List<String> mine = stack.rows().stream().filter(row -> row.get(0).equals("\\Driver\\MyFilter"))
                .findFirst().orElseThrow();
        assertTrue(mine.get(4).contains("READ "), "its own filter counts nothing, the I/O manager does: " + mine);
    }

    @Test
    void aStudentsForgottenMarkPendingIsCaughtWithTheRuleAndTheFix() throws Exception {
        Edited e = edited("filter", small(), MARK_PENDING_LINE, "");
        RunResult r = e.result();
        assertFalse(r.passed());
        Finding first = r.findings().get(0);
        assertEquals("completion-routine-mark-pending", first.rule());
        assertTrue(first.where().contains("MyFilter"), first.where());
        assertTrue(first.message().contains("IoMarkIrpPending"), first.message());
    }

    /** A student's filter whose read dispatch breaks LowerDriverReturn (judged when the routine has returned). */
    static final String WRONG_RETURN = """
            import org.sysmodels.irp.model.io.*;
            import org.sysmodels.irp.wdm.WdmDriver;
            public class MyFilter extends WdmDriver {
                public int DriverEntry(DriverObject d, String path) {
                    d.DriverExtension.AddDevice = (drv, pdo) -> {
                        DeviceObject me = IoCreateDevice(drv, null, null, FILE_DEVICE_UNKNOWN);
                        me.DeviceExtension = IoAttachDeviceToDeviceStack(me, pdo);
                        me.Flags &= ~DO_DEVICE_INITIALIZING;
                        return STATUS_SUCCESS;
                    };
                    for (int mj = 0; mj <= IRP_MJ_MAXIMUM_FUNCTION; mj++) {
                        d.MajorFunction[mj] = this::Forward;
                    }
                    return STATUS_SUCCESS;
                }
                int Forward(DeviceObject device, Irp irp) {
                    IoSkipCurrentIrpStackLocation(irp);
                    int status = IoCallDriver((DeviceObject) device.DeviceExtension, irp);
                    return STATUS_SUCCESS;
                }
            }
            """;

    @Test
    void aSpinLockTakenTwiceIsCancelSpinLocksFinding() throws Exception {
        Path f = dir.resolve("MyFilter.java");
        Files.writeString(f, WRONG_RETURN.replace("import org.sysmodels.irp.wdm.WdmDriver;",
                        "import org.sysmodels.irp.wdm.WdmDriver;\nimport org.sysmodels.irp.model.ke.KSpinLock;")
                .replace("    int Forward(DeviceObject device, Irp irp) {\n",
                        "    final KSpinLock lock = KeInitializeSpinLock();\n"
                                + "    int Forward(DeviceObject device, Irp irp) {\n"
                                + "        KeAcquireSpinLock(lock);\n        KeAcquireSpinLock(lock);\n"));
        RunResult r = irp.run(RunRequest.ofSeed(1).withStudent(f).withOptions(small()));
        Finding first = r.findings().get(0);
        assertEquals("cancel-spin-lock", first.rule(), r.findings().toString());
        assertTrue(first.message().startsWith("0x0000000F SPIN_LOCK_ALREADY_OWNED"), first.message());
    }

    @Test
    void aRuleJudgedAtReturnNamesTheStudentsLastCallIntoTheSystem() throws Exception {
        Path f = dir.resolve("MyFilter.java");
        Files.writeString(f, WRONG_RETURN);
        RunResult r = irp.run(RunRequest.ofSeed(1).withStudent(f).withOptions(small()));
        assertFalse(r.passed());
        Finding first = r.findings().get(0);
        assertEquals("lower-driver-return", first.rule());
        assertTrue(first.where().contains("your code: MyFilter.java:18 (MyFilter.Forward), the routine's last call "
                + "into the system"), first.where());
    }

    @Test
    void aRuleBrokenByACallNamesTheStudentsLineOfThatCall() throws Exception {
        Edited e = edited("filter", small(), "IoCopyCurrentIrpStackLocationToNext(irp);                   // a "
                + "location", "IoSkipCurrentIrpStackLocation(irp);                         // a location");
        int line = lineOf(e.text(), "IoSetCompletionRoutine(irp, readDone");
        RunResult r = e.result();
        assertFalse(r.passed());
        Finding first = r.findings().get(0);
        assertEquals("completion-routine-after-skip", first.rule());
        assertTrue(first.where().contains("your code: MyFilter.java:" + line + " (MyFilter.DispatchRead)"),
                first.where());
    }

    @Test
    void aCompletionRoutineThatMadeNoCallIsNamedByTheLineThatSetIt() throws Exception {
        Edited e = edited("filter", small(), MARK_PENDING_LINE, "");
        int line = lineOf(e.text(), "IoSetCompletionRoutine(irp, readDone");
        RunResult r = e.result();
        Finding first = r.findings().get(0);
        assertEquals("completion-routine-mark-pending", first.rule());
        assertTrue(first.where().contains("your code: MyFilter.java:" + line
                + " (MyFilter.DispatchRead), where this completion routine was set"), first.where());
    }

    @Test
    void aCompletionRoutineThatCompletesTheIrpAndLetsCompletionGoOnIsBugCheck0x44OnItsLine() throws Exception {
        Edited e = edited("filter", small(), CONTINUE_LINE,
                "        IoCompleteRequest(irp, IO_NO_INCREMENT);\n        return STATUS_CONTINUE_COMPLETION;");
        int line = lineOf(e.text(), "IoCompleteRequest(irp, IO_NO_INCREMENT)");
        RunResult r = e.result();
        assertFalse(r.passed());
        Finding first = r.findings().get(0);
        assertEquals("multiple-irp-complete-requests", first.rule(), r.findings().toString());
        assertTrue(first.message().startsWith("0x00000044 MULTIPLE_IRP_COMPLETE_REQUESTS"), first.message());
        assertTrue(first.message().contains("STATUS_MORE_PROCESSING_REQUIRED"), first.message());
        assertTrue(first.where().contains("completion routine on CPU"), first.where());
        assertTrue(first.where().contains("your code: MyFilter.java:" + line + " (MyFilter.ReadDone)"), first.where());
    }

    @Test
    void aCompletionRoutineThatCompletesTheIrpAndStopsTheWalkIsLegal() throws Exception {
        Edited e = edited("filter", small(), CONTINUE_LINE,
                "        IoCompleteRequest(irp, IO_NO_INCREMENT);\n        return STATUS_MORE_PROCESSING_REQUIRED;");
        RunResult r = e.result();
        assertTrue(r.passed(), r.findings().toString());
    }

    @Test
    void aCallMadeThroughAJavacAccessorIsNamedByTheStudentsOwnLine() throws Exception {
        Edited e = edited("function", small().with(IrpSystem.POSITION, "function"),
                "        KeReleaseSpinLock(ext.deviceLock, irql);\n    }", "    }");
        int line = lineOf(e.text(), "public void CsqReleaseLock(IoCsq csq, int irql)");
        RunResult r = e.result();
        Finding first = r.findings().get(0);
        assertEquals("cancel-spin-lock", first.rule(), r.findings().toString());
        assertTrue(first.message().startsWith("0x000000C4 DRIVER_VERIFIER_DETECTED_VIOLATION (0x40009, 0, 0, 0): ")
                && first.message().contains("DDI compliance rule SpinLock"), "a device lock, not the cancel lock: "
                + first.message());
        assertTrue(first.where().contains("your code: MyFunction.java:" + line + " (MyFunction$Extension"
                + ".CsqReleaseLock)"), first.where());
    }

    /** The filter template's line that propagates pending in its completion routine. */
    static final String MARK_PENDING_LINE = "            IoMarkIrpPending(irp);                                   "
            + "// carry the lower driver's pending up\n";

    /** The filter template's completion routine's last line. */
    static final String CONTINUE_LINE = "        return STATUS_CONTINUE_COMPLETION;                          "
            + "// let the walk go on up";

    /** A template with one edit, written as its own file and run: the text and the result. */
    record Edited(String text, RunResult result) {
    }

    /** Runs the {@code template} starter with {@code from} replaced by {@code to}, under {@code options}. */
    Edited edited(String template, Options options, String from, String to) throws Exception {
        org.sysmodels.core.student.Template t = irp.student().orElseThrow().template(template).orElseThrow();
        String text = t.text().replace(from, to);
        if (text.equals(t.text())) {
            throw new AssertionError("the " + template + " template has no " + from);
        }
        Path f = dir.resolve(t.fileName());
        Files.writeString(f, text);
        return new Edited(text, irp.run(RunRequest.ofSeed(1).withStudent(f).withOptions(options)));
    }

    /** The 1-based number of the first line of {@code text} containing {@code what}. */
    static int lineOf(String text, String what) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(what)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line with " + what);
    }

    @Test
    void anExceptionOrAnAssertionInAStudentsDriverIsAFindingOnTheirLine() throws Exception {
        for (String thrown : List.of("IllegalStateException", "AssertionError")) {
            Path f = dir.resolve("Thrower.java");
            Files.writeString(f, """
                    import org.sysmodels.irp.model.io.*;
                    import org.sysmodels.irp.wdm.WdmDriver;
                    public class Thrower extends WdmDriver {
                        public int DriverEntry(DriverObject d, String path) {
                            d.DriverExtension.AddDevice = (drv, pdo) -> {
                                DeviceObject me = IoCreateDevice(drv, null, null, FILE_DEVICE_UNKNOWN);
                                IoAttachDeviceToDeviceStack(me, pdo);
                                me.Flags &= ~DO_DEVICE_INITIALIZING;
                                return STATUS_SUCCESS;
                            };
                            for (int mj = 0; mj <= IRP_MJ_MAXIMUM_FUNCTION; mj++) {
                                d.MajorFunction[mj] = (dev, irp) -> {
                                    throw new THROWN("not written yet");
                                };
                            }
                            return STATUS_SUCCESS;
                        }
                    }
                    """.replace("THROWN", thrown));
            RunResult r = irp.run(RunRequest.ofSeed(1).withStudent(f).withOptions(small()));
            assertFalse(r.passed(), thrown);
            Finding f0 = r.findings().stream().filter(x -> x.rule().equals(StudentFault.RULE.name())).findFirst()
                    .orElseThrow();
            assertTrue(f0.message().startsWith("your code threw " + thrown + ": not written yet at Thrower.java:13"),
                    f0.message());
        }
    }

    @Test
    void aDriverThatFailsToLoadOrStartGetsWindowsProblemCodeNotAThrowItDidNotMake() throws Exception {
        String driver = """
                import org.sysmodels.irp.model.io.*;
                import org.sysmodels.irp.wdm.WdmDriver;
                public class Failer extends WdmDriver {
                    public int DriverEntry(DriverObject d, String path) {
                        d.DriverExtension.AddDevice = (drv, pdo) -> {
                            DeviceObject me = IoCreateDevice(drv, null, null, FILE_DEVICE_UNKNOWN);
                            IoAttachDeviceToDeviceStack(me, pdo);
                            me.Flags &= ~DO_DEVICE_INITIALIZING;
                            return ADD;
                        };
                        for (int mj = 0; mj <= IRP_MJ_MAXIMUM_FUNCTION; mj++) {
                            d.MajorFunction[mj] = (dev, irp) -> {
                                irp.IoStatus.Status = STATUS_UNSUCCESSFUL;
                                IoCompleteRequest(irp, IO_NO_INCREMENT);
                                return STATUS_UNSUCCESSFUL;
                            };
                        }
                        return ENTRY;
                    }
                }
                """;
        String[][] cases = {
                {"STATUS_UNSUCCESSFUL", "STATUS_SUCCESS", "DriverEntry returned STATUS_UNSUCCESSFUL", "Code 37"},
                {"STATUS_SUCCESS", "STATUS_UNSUCCESSFUL", "AddDevice returned STATUS_UNSUCCESSFUL", "Code 31"},
                {"STATUS_SUCCESS", "STATUS_SUCCESS", "IRP_MN_START_DEVICE", "Code 10"}};
        for (String[] c : cases) {
            Path f = dir.resolve("Failer.java");
            Files.writeString(f, driver.replace("ENTRY;", c[0] + ";").replace("ADD;", c[1] + ";"));
            RunResult r = irp.run(RunRequest.ofSeed(1).withStudent(f).withOptions(small()));
            assertFalse(r.passed(), c[2]);
            Finding f0 = r.findings().get(0);
            assertTrue(f0.message().contains(c[2]) && f0.message().contains(c[3])
                    && !f0.message().contains("your code threw"), f0.message());
        }
    }

    @Test
    void aDriverWithNoDeviceInTheStackIsSaidToBeOutOfIt() throws Exception {
        Path f = dir.resolve("Absent.java");
        Files.writeString(f, """
                import org.sysmodels.irp.model.io.*;
                import org.sysmodels.irp.wdm.WdmDriver;
                public class Absent extends WdmDriver {
                    public int DriverEntry(DriverObject d, String path) {
                        d.DriverExtension.AddDevice = (drv, pdo) -> STATUS_SUCCESS;    // creates no device
                        return STATUS_SUCCESS;
                    }
                }
                """);
        RunResult r = irp.run(RunRequest.ofSeed(1).withStudent(f).withOptions(small()));
        assertTrue(r.summary().stream().anyMatch(l -> l.contains("\\Driver\\Absent has no device in this stack")),
                r.summary().toString());
        Path t = dir.resolve("MyFilter.java");
        Files.writeString(t, irp.student().orElseThrow().template("filter").orElseThrow().text());
        RunResult present = irp.run(RunRequest.ofSeed(1).withStudent(t).withOptions(small()));
        assertTrue(present.summary().stream().noneMatch(l -> l.contains("no device in this stack")),
                present.summary().toString());
        Path none = dir.resolve("NoAdd.java");
        Files.writeString(none, Files.readString(f).replace("Absent", "NoAdd")
                .replace("d.DriverExtension.AddDevice = (drv, pdo) -> STATUS_SUCCESS;    // creates no device\n", ""));
        RunResult noAdd = irp.run(RunRequest.ofSeed(1).withStudent(none).withOptions(small()));
        assertTrue(noAdd.summary().stream().anyMatch(l -> l.contains("\\Driver\\NoAdd has no device in this stack: "
                + "its DriverEntry set no AddDevice")), noAdd.summary().toString());
        RunResult grade = irp.grade(RunRequest.ofSeed(1).withStudent(f));
        assertFalse(grade.passed(), "a driver no request reached passes no case");
        for (List<String> row : grade.tables().get(0).rows()) {
            assertTrue(row.get(2).equals("FAIL") && row.get(3).contains("this case tested nothing"), row.toString());
        }
    }

    @Test
    void aFilterGradedAsTheFunctionDriverFailsEveryCaseItsRequestsFailed() throws Exception {
        Path t = dir.resolve("MyFilter.java");
        Files.writeString(t, irp.student().orElseThrow().template("filter").orElseThrow().text());
        RunResult grade = irp.grade(RunRequest.ofSeed(1).withStudent(t).withOptions(Options.none()
                .with(IrpSystem.POSITION, "function")));
        assertFalse(grade.passed(), "it forwards reads to the bus, which fails them");
        for (List<String> row : grade.tables().get(0).rows()) {
            assertTrue(row.get(2).equals("FAIL") && row.get(3).contains("case-tested")
                    && row.get(3).contains("STATUS_INVALID_DEVICE_REQUEST"), row.toString());
        }
    }

    @Test
    void thePendedCaseFailsADriverUnderWhichNoRequestPends() throws Exception {
        // a function driver that completes every request in its dispatch routine, controller or not
        Path f = dir.resolve("Instant.java");
        Files.writeString(f, """
                import org.sysmodels.irp.model.io.*;
                import org.sysmodels.irp.wdm.WdmDriver;
                public class Instant extends WdmDriver {
                    public int DriverEntry(DriverObject d, String path) {
                        for (int mj = 0; mj <= IRP_MJ_MAXIMUM_FUNCTION; mj++) {
                            d.MajorFunction[mj] = (dev, irp) -> {
                                DeviceObject lower = (DeviceObject) dev.DeviceExtension;
                                if (IoGetCurrentIrpStackLocation(irp).MajorFunction == IRP_MJ_PNP) {
                                    IoSkipCurrentIrpStackLocation(irp);
                                    return IoCallDriver(lower, irp);
                                }
                                irp.IoStatus.Status = STATUS_SUCCESS;
                                IoCompleteRequest(irp, IO_NO_INCREMENT);
                                return STATUS_SUCCESS;
                            };
                        }
                        d.DriverExtension.AddDevice = (drv, pdo) -> {
                            DeviceObject me = IoCreateDevice(drv, null, null, FILE_DEVICE_UNKNOWN);
                            me.DeviceExtension = IoAttachDeviceToDeviceStack(me, pdo);
                            me.Flags &= ~DO_DEVICE_INITIALIZING;
                            return STATUS_SUCCESS;
                        };
                        return STATUS_SUCCESS;
                    }
                }
                """);
        List<List<String>> rows = irp.grade(RunRequest.ofSeed(1).withStudent(f).withOptions(Options.none()
                .with(IrpSystem.POSITION, "function"))).tables().get(0).rows();
        assertEquals("pass", rows.get(0).get(2), "sync: " + rows.get(0));
        assertEquals("pended", rows.get(1).get(0));
        assertTrue(rows.get(1).get(2).equals("FAIL") && rows.get(1).get(3).contains("none of 3,000 requests pended"),
                rows.get(1).toString());
    }

    @Test
    void everyGradeRowCountsTheSameRulesWhateverEndedTheCase() throws Exception {
        Path f = dir.resolve("NoEntry.java");
        Files.writeString(f, """
                import org.sysmodels.irp.model.io.*;
                import org.sysmodels.irp.wdm.WdmDriver;
                public class NoEntry extends WdmDriver {
                    public int DriverEntry(DriverObject d, String path) {
                        return STATUS_INSUFFICIENT_RESOURCES;
                    }
                }
                """);
        Path t = dir.resolve("MyFilter.java");
        Files.writeString(t, irp.student().orElseThrow().template("filter").orElseThrow().text());
        Set<String> denominators = new HashSet<>();
        for (Path p : List.of(f, t)) {
            for (List<String> row : irp.grade(RunRequest.ofSeed(1).withStudent(p)).tables().get(0).rows()) {
                denominators.add(row.get(1).substring(row.get(1).indexOf('/') + 1));
            }
        }
        int rules = Verifier.allRules().size() + 2;    // the verifier's, student-code and case-tested
        assertEquals(Set.of(String.valueOf(rules)), denominators);
    }

    @Test
    void openArrivalsBeyondAThreadsBacklogAreCountedAsDropped() throws Exception {
        Path file = dir.resolve("flood.json");
        Files.writeString(file, "{ \"workload\": { \"mode\": \"open\", \"rate\": 50000000, \"duration\": \"1ms\", "
                + "\"threads\": 1, \"iodepth\": 1 } }");
        RunResult r = irp.run(RunRequest.ofSeed(1).withScenario(file.toString()));
        assertTrue(r.summary().stream().anyMatch(l -> l.contains("arrivals were dropped")
                && l.contains("1,024 waiting")), r.summary().toString());
        RunResult calm = irp.run(RunRequest.ofSeed(1).withOptions(small()));
        assertTrue(calm.summary().stream().noneMatch(l -> l.contains("dropped")), calm.summary().toString());
    }

    @Test
    void openArrivalsStillWaitingWhenArrivalsStopAreCountedToo() throws Exception {
        // 120k/s for 10 ms on one synchronous handle: about 1,200 arrivals, a few hundred served, none dropped
        RunResult r = irp.run(RunRequest.ofSeed(1).withScenario("open-loop").withOptions(Options.none()
                .with(IrpSystem.THREADS, 1).with(IrpSystem.IODEPTH, 1)));
        String finished = r.summary().stream().filter(l -> l.startsWith("finished ")).findFirst().orElseThrow();
        long issued = Long.parseLong(finished.replaceAll("^finished [0-9,]+ of ([0-9,]+) requests.*", "$1")
                .replace(",", ""));
        String waiting = r.summary().stream().filter(l -> l.contains("arrivals were still waiting")).findFirst()
                .orElseThrow(() -> new AssertionError(r.summary().toString()));
        long left = Long.parseLong(waiting.substring(0, waiting.indexOf(' ')).replace(",", ""));
        assertTrue(issued + left > 1_100 && issued + left < 1_300, issued + " issued, " + left + " waiting");
        RunResult calm = irp.run(RunRequest.ofSeed(1).withScenario("open-loop"));
        assertTrue(calm.summary().stream().noneMatch(l -> l.contains("still waiting")), calm.summary().toString());
    }

    @Test
    void requestsThatFailAreCountedInTheSummaryWithTheirStatus() throws Exception {
        Path file = dir.resolve("big.json");
        Files.writeString(file, "{ \"stack\": { \"diskSize\": \"64k\" }, \"workload\": { \"requests\": 100, "
                + "\"mix\": [ { \"op\": \"read\", \"size\": \"128k\" } ] } }");
        RunResult r = irp.run(RunRequest.ofSeed(1).withScenario(file.toString()));
        assertTrue(r.summary().stream().anyMatch(l -> l.contains("100 finished with an error status")
                && l.contains("STATUS_INVALID_PARAMETER") && l.contains("IRP_MJ_READ")), r.summary().toString());
        RunResult clean = irp.run(RunRequest.ofSeed(1).withOptions(small()));
        assertTrue(clean.summary().stream().noneMatch(l -> l.contains("error status")), clean.summary().toString());
    }

    @Test
    void aFailedStaticInitializerInADispatchRoutineIsAFindingWithTheRunsReport() throws Exception {
        Path f = dir.resolve("Lazy.java");
        Files.writeString(f, passThrough("Lazy", """
                    static final class Table {
                        static final int[] SIZES = new int[Integer.parseInt("not a number")];
                    }
                """, """
                        d.MajorFunction[IRP_MJ_READ] = (dev, irp) -> Table.SIZES.length;
                """));
        RunResult r = irp.run(RunRequest.ofSeed(1).withStudent(f).withOptions(small()));
        assertFalse(r.passed());
        Finding f0 = r.findings().stream().filter(x -> x.rule().equals(StudentFault.RULE.name())).findFirst()
                .orElseThrow();
        assertTrue(f0.message().startsWith("your code threw ExceptionInInitializerError (NumberFormatException")
                && f0.message().contains("at Lazy.java:5 (Lazy$Table.<clinit>)"), f0.message());
        assertTrue(r.summary().stream().anyMatch(l -> l.startsWith("stack, top first:")), r.summary().toString());
    }

    @Test
    void aLoopAtDispatchLevelIsTheDpcWatchdogsStopAndOneAtPassiveLevelAHangOnTheStudentsLine() throws Exception {
        String driver = passThrough("Spinner", "", """
                        d.MajorFunction[IRP_MJ_READ] = (dev, irp) -> {
                            IoCopyCurrentIrpStackLocationToNext(irp);
                            IoSetCompletionRoutine(irp, (dv, ir, ctx) -> {
                                while (DPC && KeGetCurrentIrql() == DISPATCH_LEVEL
                                        && !Thread.currentThread().isInterrupted()) { }
                                return STATUS_CONTINUE_COMPLETION;
                            }, null, true, true, true);
                            while (!DPC && !Thread.currentThread().isInterrupted()) { }
                            return IoCallDriver(lower, irp);
                        };
                """);
        Path f = dir.resolve("Spinner.java");
        Files.writeString(f, driver.replace("DPC", "true"));
        RunRequest spin = RunRequest.ofSeed(1).withStudent(f).withOptions(small())
                .withTimeLimit(java.time.Duration.ofSeconds(3));
        StudentCodeFailure dpc = assertThrows(StudentCodeFailure.class, () -> irp.run(spin));
        assertTrue(dpc.finding().message().startsWith("STOP 0x00000133 DPC_WATCHDOG_VIOLATION (0, 0, 0, 0): "
                + "Spinner.java:21") && dpc.finding().message().contains("DISPATCH_LEVEL"), dpc.finding().message());
        List<List<String>> rows = irp.grade(RunRequest.ofSeed(1).withStudent(f)
                .withTimeLimit(java.time.Duration.ofSeconds(3))).tables().get(0).rows();
        assertEquals("pass", rows.get(0).get(2), "sync: its completion routine runs at PASSIVE_LEVEL: " + rows);
        assertTrue(rows.get(1).get(3).contains(": STOP 0x00000133 DPC_WATCHDOG_VIOLATION (0, 0, 0, 0): "
                + "Spinner.java:21"), "pended: the DPC watchdog's stop, as in a run: " + rows.get(1));
        assertTrue(rows.get(2).get(3).startsWith("not run: case pended did not return"), rows.get(2).toString());
        Files.writeString(f, driver.replace("DPC", "false"));
        StudentCodeFailure passive = assertThrows(StudentCodeFailure.class, () -> irp.run(spin));
        assertTrue(passive.finding().message().contains("it was running Spinner.java:25")
                && passive.finding().message().contains("at PASSIVE_LEVEL")
                && passive.finding().message().contains("hang"), passive.finding().message());
    }

    @Test
    void aCompileErrorNamesFileLineAndColumn() throws Exception {
        Path f = dir.resolve("Bad.java");
        Files.writeString(f, "public class Bad extends org.sysmodels.irp.wdm.WdmDriver { int x = ; }\n");
        CompileException e = assertThrows(CompileException.class,
                () -> irp.run(RunRequest.ofSeed(1).withStudent(f)));
        assertTrue(e.getMessage().startsWith("Bad.java:1:"), e.getMessage());
    }

    @Test
    void badInputIsAUsageErrorThatSaysWhatIsAllowed() throws Exception {
        UserInputException both = assertThrows(UserInputException.class,
                () -> irp.run(RunRequest.ofSeed(1).withBug("forgets-mark-pending").withScenario("demo")));
        assertTrue(both.getMessage().contains("--scenario"), both.getMessage());
        UserInputException lab = assertThrows(UserInputException.class,
                () -> irp.run(RunRequest.ofSeed(1).withBug("no-such-lab")));
        assertTrue(lab.getMessage().contains("forgets-mark-pending"), lab.getMessage());
        Path file = dir.resolve("s.json");
        Files.writeString(file, "{\n  \"stack\": { \"function\": \"floppy\" }\n}\n");
        UserInputException sc = assertThrows(UserInputException.class,
                () -> irp.run(RunRequest.ofSeed(1).withScenario(file.toString())));
        assertTrue(sc.getMessage().contains("s.json:2:") && sc.getMessage().contains("ramdisk"), sc.getMessage());
    }

    @Test
    void aFlagThatWouldBeIgnoredIsAUsageErrorNamingIt() throws Exception {
        UserInputException position = assertThrows(UserInputException.class,
                () -> irp.run(RunRequest.ofSeed(1).withOptions(small().with(IrpSystem.POSITION, "lower"))));
        assertTrue(position.getMessage().startsWith("--position") && position.getMessage().contains("--driver"),
                position.getMessage());
        Path f = dir.resolve("MyFilter.java");
        Files.writeString(f, irp.student().orElseThrow().templates().get(0).text());
        UserInputException scenario = assertThrows(UserInputException.class,
                () -> irp.grade(RunRequest.ofSeed(1).withStudent(f).withScenario("many-cpus")));
        assertTrue(scenario.getMessage().contains("--scenario") && scenario.getMessage().contains("battery"),
                scenario.getMessage());
        UserInputException cpus = assertThrows(UserInputException.class, () -> irp.grade(RunRequest.ofSeed(1)
                .withStudent(f).withOptions(Options.none().with(IrpSystem.PROCESSORS, 16))));
        assertTrue(cpus.getMessage().contains("--processors"), cpus.getMessage());
    }

    @Test
    void theRequestsHelpGivesTheCountsTheScenariosIssue() throws Exception {
        String help = IrpSystem.REQUESTS.defaultText();
        for (String name : List.of("demo", "cancel-storm", "sync-ramdisk", "many-cpus")) {
            long n = IrpScenarios.resolve(name).workload().requests();
            assertTrue(help.contains(String.format(Locale.ROOT, "%,d in the packaged ones", n)), name + ": " + help);
        }
        assertTrue(help.contains(String.format(Locale.ROOT, "split-reads %,d",
                IrpScenarios.resolve("split-reads").workload().requests())), help);
        assertTrue(help.contains("open-loop runs for " + SimTime.format(IrpScenarios.resolve("open-loop").workload()
                .duration()).replace(".000", "")), help);
        assertTrue(help.contains(String.format(Locale.ROOT, "%,d in a scenario file",
                WorkloadSection.DEFAULT.requests())), help);
    }

    @Test
    void quizIsRepeatableAndTheTourRunsClean() throws Exception {
        assertEquals(irp.quiz(RunRequest.ofSeed(11)), irp.quiz(RunRequest.ofSeed(11)));
        RunResult tour = irp.tour(RunRequest.ofSeed(1));
        assertTrue(tour.passed(), tour.findings().toString());
        assertFalse(tour.plots().isEmpty());
        assertFalse(irp.reality().isEmpty());
        // the packaged sync-ramdisk and demo scenarios issue 2,000 requests each, and the title says what was run
        assertTrue(tour.tables().stream().anyMatch(t -> t.title().equals("Synchronous vs pended completion (2,000 "
                + "requests each)")), () -> tour.tables().stream().map(t -> t.title()).toList().toString());
    }

    /**
     * A filter that passes every request down, named {@code name}: {@code members} go after the class line,
     * {@code routines} before DriverEntry's return (each as whole lines, so the tests' line numbers are the file's).
     */
    private static String passThrough(String name, String members, String routines) {
        return """
                import org.sysmodels.irp.model.io.*;
                import org.sysmodels.irp.wdm.WdmDriver;
                public class %s extends WdmDriver {
                %s    DeviceObject lower;
                    public int DriverEntry(DriverObject d, String path) {
                        d.DriverExtension.AddDevice = (drv, pdo) -> {
                            DeviceObject me = IoCreateDevice(drv, null, null, FILE_DEVICE_UNKNOWN);
                            lower = IoAttachDeviceToDeviceStack(me, pdo);
                            me.Flags &= ~DO_DEVICE_INITIALIZING;
                            return STATUS_SUCCESS;
                        };
                        for (int mj = 0; mj <= IRP_MJ_MAXIMUM_FUNCTION; mj++) {
                            d.MajorFunction[mj] = (dev, irp) -> {
                                IoSkipCurrentIrpStackLocation(irp);
                                return IoCallDriver(lower, irp);
                            };
                        }
                %s        return STATUS_SUCCESS;
                    }
                }
                """.formatted(name, members, routines);
    }
}
