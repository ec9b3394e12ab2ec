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
import org.sysmodels.irp.check.IrpSentNotOwned;

/**
 * A student's filter that calls IoCallDriver a second time with an IRP it already passed down stops the machine with
 * the verifier's finding, naming the driver, the IRP, the owner below and both lines, instead of the model's own
 * complaint about a list; one that gets its IRP back (STATUS_MORE_PROCESSING_REQUIRED) may send it again.
 */
class IrpSentTwiceTest {

    private final IrpSystem irp = new IrpSystem();

    @TempDir
    Path dir;

    /** An upper filter whose read dispatch routine is the statements replacing READ. */
    private static final String FILTER = """
            import org.sysmodels.irp.model.io.*;
            import org.sysmodels.irp.wdm.WdmDriver;
            public class Twice extends WdmDriver {
                static final class Ext { DeviceObject lower; }
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
                        ((Ext) me.DeviceExtension).lower = IoAttachDeviceToDeviceStack(me, pdo);
                        me.Flags &= ~DO_DEVICE_INITIALIZING;
                        return STATUS_SUCCESS;
                    };
                    return STATUS_SUCCESS;
                }
                int Read(DeviceObject dev, Irp irp) {
                    DeviceObject lower = ((Ext) dev.DeviceExtension).lower;
                    /*READ*/
                }
            }
            """;

    private static final String TWICE = """
            IoCopyCurrentIrpStackLocationToNext(irp);
                    IoCallDriver(lower, irp); // first
                    IoSkipCurrentIrpStackLocation(irp);
                    return IoCallDriver(lower, irp); // second""";

    private RunResult run(String read, String scenario) throws Exception {
        Path f = dir.resolve("Twice.java");
        Files.writeString(f, FILTER.replace("/*READ*/", read));
        return irp.run(RunRequest.ofSeed(1).withStudent(f).withScenario(scenario)
                .withOptions(IrpSystemTest.small()));
    }

    private static Finding only(RunResult r) {
        assertFalse(r.passed());
        assertEquals(1, r.findings().size(), r.findings().toString());
        Finding f = r.findings().get(0);
        assertEquals(IrpSentNotOwned.RULE.name(), f.rule(), f.toString());
        return f;
    }

    private static String line(String what) {
        return "Twice.java:" + IrpSystemTest.lineOf(FILTER.replace("/*READ*/", TWICE), what) + " (Twice.Read)";
    }

    @Test
    void sendingAnIrpTheDriverBelowHasPendedIsAWdkRuleFindingNamingTheOwnerAndTheFirstCall() throws Exception {
        Finding f = only(run(TWICE, "demo"));
        assertTrue(f.message().startsWith("WDK rule: IoCallDriver with an IRP a lower driver owns"), f.message());
        assertTrue(f.message().contains("\\Driver\\Twice dispatch for IRP_MJ_READ called IoCallDriver with IRP "
                + "0xffffc"), f.message());
        assertTrue(f.message().contains("(IRP_MJ_READ), which \\Driver\\RamDisk owns: it was passed down at "
                + line("// first") + " and not given back"), f.message());
        assertTrue(f.where().contains("your code: " + line("// second")), f.where());
    }

    @Test
    void sendingAnIrpTheDriverBelowHasCompletedIs44() throws Exception {
        Finding f = only(run(TWICE, "sync-ramdisk"));
        assertTrue(f.message().startsWith("0x00000044 MULTIPLE_IRP_COMPLETE_REQUESTS (0xffffc"), f.message());
        assertTrue(f.message().contains("which was completed already (by a driver below)"), f.message());
        assertTrue(f.where().contains("your code: " + line("// second")), f.where());
    }

    @Test
    void sendingAnIrpTheDriverCompletedItselfIs44() throws Exception {
        Finding f = only(run("""
                irp.IoStatus.Status = STATUS_SUCCESS;
                        IoCompleteRequest(irp, IO_NO_INCREMENT);
                        IoSkipCurrentIrpStackLocation(irp);
                        return IoCallDriver(lower, irp);""", "demo"));
        assertTrue(f.message().contains("which it had completed itself"), f.message());
    }

    @Test
    void anIrpGivenBackByStatusMoreProcessingRequiredMaySendAgain() throws Exception {
        RunResult r = run("""
                IoForwardIrpSynchronously(lower, irp);
                        IoSkipCurrentIrpStackLocation(irp);
                        return IoCallDriver(lower, irp);""", "demo");
        assertTrue(r.passed(), r.findings().toString());
    }
}
