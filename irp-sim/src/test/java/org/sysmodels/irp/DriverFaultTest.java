package org.sysmodels.irp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sysmodels.core.check.Finding;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.student.StudentFault;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.irp.check.UnhandledDriverException;
import org.sysmodels.irp.check.Verifier;

/**
 * A student's driver that faults stops the machine with the bug check Windows raises for that fault where it
 * happened (the IRQL, the thread), the faulting line named; a Java exception with no CPU counterpart stays a finding
 * on the line.
 */
class DriverFaultTest {

    private final IrpSystem irp = new IrpSystem();

    @TempDir
    Path dir;

    /** An upper filter; the comments ADD, DISPATCH and COMPLETION are replaced by a statement (or nothing). */
    private static final String FILTER = """
            import org.sysmodels.irp.model.io.*;
            import org.sysmodels.irp.wdm.WdmDriver;
            public class Faulty extends WdmDriver {
                static final class Ext { DeviceObject lower; long reads; }
                private final IoCompletionRoutine done = this::Done;
                public int DriverEntry(DriverObject d, String path) {
                    for (int mj = 0; mj <= IRP_MJ_MAXIMUM_FUNCTION; mj++) {
                        d.MajorFunction[mj] = (dev, irp) -> {
                            IoSkipCurrentIrpStackLocation(irp);
                            return IoCallDriver(((Ext) dev.DeviceExtension).lower, irp);
                        };
                    }
                    d.MajorFunction[IRP_MJ_READ] = this::Read;
                    d.DriverExtension.AddDevice = (drv, pdo) -> {
                        DeviceObject me = IoCreateDevice(drv, new Ext(), null, FILE_DEVICE_UNKNOWN);
                        Ext ext = (Ext) me.DeviceExtension;
                        ext.lower = IoAttachDeviceToDeviceStack(me, pdo);
                        me.Flags &= ~DO_DEVICE_INITIALIZING;
                        /*ADD*/
                        return STATUS_SUCCESS;
                    };
                    return STATUS_SUCCESS;
                }
                int Read(DeviceObject dev, Irp irp) {
                    Ext ext = (Ext) dev.DeviceExtension;
                    /*DISPATCH*/
                    IoCopyCurrentIrpStackLocationToNext(irp);
                    IoSetCompletionRoutine(irp, done, null, true, true, true);
                    return IoCallDriver(ext.lower, irp);
                }
                int Done(DeviceObject dev, Irp irp, Object context) {
                    if (irp.PendingReturned()) {
                        IoMarkIrpPending(irp);
                    }
                    Ext ext = (Ext) dev.DeviceExtension;
                    /*COMPLETION*/
                    return STATUS_CONTINUE_COMPLETION;
                }
                int depth(int n) {
                    return n == 0 ? 0 : 1 + depth(n + 1);
                }
            }
            """;

    private RunResult run(String add, String dispatch, String completion) throws Exception {
        Path f = dir.resolve("Faulty.java");
        Files.writeString(f, FILTER.replace("/*ADD*/", add).replace("/*DISPATCH*/", dispatch)
                .replace("/*COMPLETION*/", completion));
        RunResult r = irp.run(RunRequest.ofSeed(1).withStudent(f).withOptions(IrpSystemTest.small()));
        assertFalse(r.passed());
        return r;
    }

    private static Finding only(RunResult r, String rule) {
        assertEquals(1, r.findings().size(), r.findings().toString());
        Finding f = r.findings().get(0);
        assertEquals(rule, f.rule(), f.toString());
        return f;
    }

    private static int line(String what) {
        return IrpSystemTest.lineOf(FILTER, what);
    }

    @Test
    void aNullDereferenceInACompletionRoutineRunFromTheDpcIsD1WithTheAccessAndTheLine() throws Exception {
        Finding read = only(run("", "", "if (ext.reads++ == 3) { Ext none = null; ext.reads += none.reads; }"),
                UnhandledDriverException.RULE.name());
        assertTrue(read.message().startsWith("0x000000D1 DRIVER_IRQL_NOT_LESS_OR_EQUAL (0, 0x2, 0, 0xfffff8"),
                read.message());
        String at = "Faulty.java:" + line("/*COMPLETION*/") + " (Faulty.Done)";
        assertTrue(read.message().contains("your code threw NullPointerException: Cannot read field \"reads\" "
                + "because \"none\" is null at " + at), read.message());
        assertTrue(read.where().contains("completion routine on CPU") && read.where().contains("at DISPATCH_LEVEL")
                && read.where().contains("your code: " + at + ", where it faulted"), read.where());

        Finding write = only(run("", "", "if (ext.reads++ == 3) { Ext none = null; none.reads = 1; }"),
                UnhandledDriverException.RULE.name());
        assertTrue(write.message().startsWith("0x000000D1 DRIVER_IRQL_NOT_LESS_OR_EQUAL (0, 0x2, 0x1, 0xfffff8"),
                write.message());
    }

    @Test
    void belowDispatchLevelTheThreadDecides() throws Exception {
        Finding service = only(run("", "if (ext.reads++ == 2) { ext.lower = null; ext.lower.Flags = 0; }", ""),
                UnhandledDriverException.RULE.name());
        assertTrue(service.message().startsWith("0x0000003B SYSTEM_SERVICE_EXCEPTION (0xc0000005, 0xfffff8"),
                service.message());
        assertTrue(service.message().endsWith(", 0): your code threw NullPointerException: Cannot assign field "
                + "\"Flags\" because \"ext.lower\" is null at Faulty.java:" + line("/*DISPATCH*/")
                + " (Faulty.Read); in a C driver that is a NULL dereference (STATUS_ACCESS_VIOLATION) with no handler "
                + "to take it: check the pointer before you use it"), service.message());
        assertTrue(service.where().contains("dispatch on CPU") && service.where().contains("at PASSIVE_LEVEL"),
                service.where());

        Finding thread = only(run("int zero = (int) ext.reads; ext.reads = 10 / zero;", "", ""),
                UnhandledDriverException.RULE.name());
        assertTrue(thread.message().startsWith("0x0000007E SYSTEM_THREAD_EXCEPTION_NOT_HANDLED (0xc0000094, "),
                thread.message());
        assertTrue(thread.message().contains("ArithmeticException: / by zero at Faulty.java:" + line("/*ADD*/")),
                thread.message());
        assertTrue(thread.where().contains("AddDevice on CPU 0 at PASSIVE_LEVEL"), thread.where());
    }

    @Test
    void aReadTheDriverPendsAndNeverCompletesIsALeak() throws Exception {
        Finding f = only(run("", "if (++ext.reads == 100) { IoMarkIrpPending(irp); return STATUS_PENDING; }", ""),
                "irp-leaked");
        assertTrue(f.message().contains("is still held by \\Driver\\Faulty"), f.message());
    }

    @Test
    void unboundedRecursionIsADoubleFault() throws Exception {
        Finding f = only(run("", "ext.reads += depth(1);", ""), UnhandledDriverException.RULE.name());
        assertTrue(f.message().startsWith("0x0000007F UNEXPECTED_KERNEL_MODE_TRAP (0x8, 0, 0, 0): your code threw "
                + "StackOverflowError at Faulty.java:" + line("return n == 0")), f.message());
    }

    @Test
    void anExceptionWithNoCpuCounterpartStaysAFindingOnTheLine() throws Exception {
        Finding f = only(run("", "Object s = \"read\"; ext.reads += (Integer) s;", ""), StudentFault.RULE.name());
        assertTrue(f.message().startsWith("your code threw ClassCastException"), f.message());
        assertTrue(f.message().contains("at Faulty.java:" + line("/*DISPATCH*/")), f.message());
    }

    @Test
    void freeingTheIrpADispatchRoutineWasGivenIsDriverVerifiers0xC9Parameter2WithTheFix() throws Exception {
        Finding f = only(run("", "if (++ext.reads == 3) { irp.IoStatus.Status = STATUS_SUCCESS; IoFreeIrp(irp); "
                + "return STATUS_SUCCESS; }", ""), "other-bug-check");
        assertTrue(f.message().startsWith("0x000000C9 DRIVER_VERIFIER_IOMANAGER_VIOLATION (0x2, 0xffffc"),
                f.message());
        assertTrue(f.message().contains("which is still on its thread's IRP list") && f.message().contains(
                "IoFreeIrp is only for IRPs your driver allocated with IoAllocateIrp"), f.message());
        assertTrue(f.where().contains("your code: Faulty.java:" + line("/*DISPATCH*/")), f.where());
    }

    @Test
    void freeingAnIrpTwiceSaysWhatParameter1Means() throws Exception {
        Finding f = only(run("", "if (++ext.reads == 3) { Irp own = IoAllocateIrp(1, false); IoFreeIrp(own); "
                + "IoFreeIrp(own); }", ""), "other-bug-check");
        assertTrue(f.message().startsWith("0x000000C9 DRIVER_VERIFIER_IOMANAGER_VIOLATION (0x1, 0xffffc"),
                f.message());
        assertTrue(f.message().contains("which is not in use (freed already, or never allocated)"), f.message());
    }

    /** An allocation no heap holds: the JVM throws at once, with no collection to wait for. */
    private static final String TOO_BIG = "if (ext.reads++ >= 3) { long[] all = new long[Integer.MAX_VALUE - 8]; "
            + "ext.reads += all.length; }";

    @Test
    void everyCaseOfTheBatteryGetsItsRowWhenTheDriverRunsOutOfHeapInEach() throws Exception {
        Path f = dir.resolve("Faulty.java");
        Files.writeString(f, FILTER.replace("/*ADD*/", "").replace("/*DISPATCH*/", "").replace("/*COMPLETION*/",
                TOO_BIG));
        // more cases than the JVM has OutOfMemoryErrors with a stack: the later ones name no line
        RunResult grade;
        try {
            grade = irp.grade(RunRequest.ofSeed(1).withStudent(f));
        } catch (OutOfMemoryError e) {
            throw new AssertionError("the battery ended on the driver's OutOfMemoryError instead of a row for it", e);
        }
        List<List<String>> rows = grade.tables().get(0).rows();
        assertEquals(9, rows.size(), rows.toString());
        for (List<String> row : rows) {
            assertEquals("FAIL", row.get(2), row.toString());
            assertTrue(row.get(3).contains("student-code") && row.get(3).contains("your code threw "
                    + "OutOfMemoryError"), row.toString());
            // the same rules in every row, with a stack to name the line or without
            assertEquals((Verifier.allRules().size() + 1) + "/" + (Verifier.allRules().size() + 2), row.get(1),
                    row.toString());
        }
    }

    @Test
    void aNullCompletionRoutineIsACallToAddressZeroNamedByTheLineThatSetIt() throws Exception {
        Finding f = only(run("", "if (++ext.reads == 3) { IoCopyCurrentIrpStackLocationToNext(irp); "
                + "IoSetCompletionRoutine(irp, null, null, true, true, true); return IoCallDriver(ext.lower, irp); }",
                ""), UnhandledDriverException.RULE.name());
        // completed from the controller's DPC: a jump to address 0 at DISPATCH_LEVEL, access 8 (execute)
        assertTrue(f.message().startsWith("0x000000D1 DRIVER_IRQL_NOT_LESS_OR_EQUAL (0, 0x2, 0x8, 0): "
                + "\\Driver\\Faulty: the CompletionRoutine given to IoSetCompletionRoutine is NULL"), f.message());
        assertTrue(f.where().contains("your code: Faulty.java:" + line("/*DISPATCH*/") + " (Faulty.Read), where this "
                + "completion routine was set"), f.where());
    }

    @Test
    void aDpcInitializedWithANullRoutineIsACallToAddressZeroWhenItRuns() throws Exception {
        Finding f = only(run("", "if (++ext.reads == 3) { KeInsertQueueDpc(KeInitializeDpc(null, null), null, null); "
                + "}", ""), UnhandledDriverException.RULE.name());
        assertTrue(f.message().startsWith("0x000000D1 DRIVER_IRQL_NOT_LESS_OR_EQUAL (0, 0x2, 0x8, 0): "
                + "\\Driver\\Faulty: the DeferredRoutine given to KeInitializeDpc is NULL"), f.message());
    }

    @Test
    void attachingTheSameDeviceTwiceIsAFindingOnTheLineNotAHang() throws Exception {
        // the second attach would put the device on top of itself: a stack that IoGetAttachedDevice walks forever
        Finding f = only(run("IoAttachDeviceToDeviceStack(me, pdo);", "", ""), StudentFault.RULE.name());
        assertTrue(f.message().startsWith("your code threw IllegalArgumentException: IoAttachDeviceToDeviceStack: "
                + "\\Driver\\Faulty device 0x") && f.message().contains(" is attached already (to "), f.message());
        assertTrue(f.message().contains("at Faulty.java:" + line("/*ADD*/")), f.message());
    }

    @Test
    void aNegativeStallIsAFindingOnTheLineAndRunsNoClockBackwards() throws Exception {
        Finding f = only(run("", "KeStallExecutionProcessor(-1);", ""), StudentFault.RULE.name());
        assertTrue(f.message().startsWith("your code threw IllegalArgumentException: KeStallExecutionProcessor: "
                + "MicroSeconds is a ULONG (0 to 4,294,967,295), not -1"), f.message());
        assertTrue(f.message().contains("at Faulty.java:" + line("/*DISPATCH*/")), f.message());
    }
}
