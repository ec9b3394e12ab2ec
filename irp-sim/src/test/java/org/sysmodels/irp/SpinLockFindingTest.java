package org.sysmodels.irp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sysmodels.core.check.Finding;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.irp.check.CancelSpinLock;

/**
 * A spin-lock finding names the lock as the student's driver knows it: the field that holds it, the line that
 * initialized it and the line that last acquired it, beside the driver and routine every finding names.
 */
class SpinLockFindingTest {

    private final IrpSystem irp = new IrpSystem();

    @TempDir
    Path dir;

    /** An upper filter with a lock in a field and one in its device extension; DISPATCH is replaced by statements. */
    private static final String FILTER = """
            import org.sysmodels.irp.model.io.*;
            import org.sysmodels.irp.model.ke.KSpinLock;
            import org.sysmodels.irp.wdm.WdmDriver;
            public class Locker extends WdmDriver {
                static final class Ext { DeviceObject lower; KSpinLock queueLock; }
                private KSpinLock statsLock;
                public int DriverEntry(DriverObject d, String path) {
                    statsLock = KeInitializeSpinLock();
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
                        ext.queueLock = KeInitializeSpinLock();
                        me.Flags &= ~DO_DEVICE_INITIALIZING;
                        return STATUS_SUCCESS;
                    };
                    return STATUS_SUCCESS;
                }
                int Read(DeviceObject dev, Irp irp) {
                    Ext ext = (Ext) dev.DeviceExtension;
                    /*DISPATCH*/
                    IoSkipCurrentIrpStackLocation(irp);
                    return IoCallDriver(ext.lower, irp);
                }
            }
            """;

    private Finding only(String dispatch) throws Exception {
        Path f = dir.resolve("Locker.java");
        Files.writeString(f, FILTER.replace("/*DISPATCH*/", dispatch));
        RunResult r = irp.run(RunRequest.ofSeed(1).withStudent(f).withOptions(IrpSystemTest.small()));
        assertFalse(r.passed());
        assertEquals(1, r.findings().size(), r.findings().toString());
        Finding finding = r.findings().get(0);
        assertEquals(CancelSpinLock.RULE.name(), finding.rule(), finding.toString());
        return finding;
    }

    private static String at(String what, String routine) {
        return "Locker.java:" + IrpSystemTest.lineOf(FILTER, what) + " (Locker." + routine + ")";
    }

    private static final String STATS_INIT = "KeInitializeSpinLock at "
            + at("statsLock = KeInitializeSpinLock", "DriverEntry");

    @Test
    void aDispatchRoutineReturningWithALockNamesItsFieldAndWhereItWasInitializedAndAcquired() throws Exception {
        Finding f = only("int old = KeAcquireSpinLock(statsLock);");
        assertTrue(f.message().startsWith("0x000000C4 DRIVER_VERIFIER_DETECTED_VIOLATION (0x40009, 0, 0, 0): "
                + "\\Driver\\Locker dispatch for IRP_MJ_READ returned holding spin lock statsLock (" + STATS_INIT
                + ", last acquired at " + at("/*DISPATCH*/", "Read") + ")"), f.message());
    }

    @Test
    void aLockInTheDeviceExtensionIsNamedThroughIt() throws Exception {
        Finding f = only("KeAcquireSpinLock(ext.queueLock);");
        assertTrue(f.message().contains("returned holding spin lock DeviceExtension.queueLock (KeInitializeSpinLock at "
                + at("ext.queueLock = KeInitializeSpinLock", "lambda$DriverEntry$1")), f.message());
    }

    @Test
    void acquiringALockTwiceNamesTheLockAndWhereItIsHeldSince() throws Exception {
        Finding f = only("int old = KeAcquireSpinLock(statsLock);\n        KeAcquireSpinLockAtDpcLevel(statsLock);");
        assertTrue(f.message().contains(": \\Driver\\Locker acquired spin lock statsLock (" + STATS_INIT
                + ", last acquired at " + at("/*DISPATCH*/", "Read") + ") again: its processor already holds it"),
                f.message());
    }

    @Test
    void releasingALockNotHeldNamesTheLockAndWhoHoldsIt() throws Exception {
        Finding f = only("KeReleaseSpinLock(statsLock, PASSIVE_LEVEL);");
        assertTrue(f.message().contains(": \\Driver\\Locker released spin lock statsLock (" + STATS_INIT
                + ") (no processor holds it), which its processor does not hold"), f.message());
    }
}
