package org.sysmodels.irp.check;

import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.irp.model.Stop;
import org.sysmodels.irp.model.SystemHalt;
import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.Irp;
import org.sysmodels.irp.model.io.Kernel;
import org.sysmodels.irp.model.ke.KThread;

/**
 * Every IRP a thread issued is eventually completed (or cancelled and completed). An IRP still on its thread's list
 * when the run has drained was leaked by the driver holding it: on Windows the thread cannot exit; IoCancelThreadIo
 * retries for five minutes (3000 × 100 ms in ReactOS), then logs IO_DRIVER_CANCEL_TIMEOUT and abandons the IRP.
 * The rule judges only a run whose machine ran out of work: then nothing left can complete an outstanding IRP. A run
 * cut off (its virtual-time limit, or a drain that ended) while events were still scheduled may hold IRPs that are
 * merely slow; those are in flight, not leaked, and the run's summary counts them instead.
 */
public final class IrpLeaked extends VerifierCheck {

    public static final Rule RULE = new Rule("irp-leaked",
            "a driver that receives an IRP completes it or passes it on; when the run ends, no IRP is still "
                    + "outstanding (a thread that issued it could never exit)",
            "WDK \"Completing IRPs\"; ReactOS ntoskrnl/io/iomgr/irp.c IoCancelThreadIo and IopDisassociateThreadIrp "
                    + "(IO_DRIVER_CANCEL_TIMEOUT)");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void finish(long now, Findings findings) {
        if (kernel().halted() != null || stillWorking(kernel())) {
            return;
        }
        for (KThread t : kernel().threads()) {
            for (int i = 0; i < t.irpCount(); i++) {
                Irp irp = (Irp) t.irp(i);
                if (!irp.inUse()) {
                    continue;
                }
                findings.violation(RULE, "an IRP was never completed: " + irp(irp) + " issued by " + t.name()
                        + " at " + SimTime.format(irp.issuedAt()) + " is still held by " + holder(irp)
                        + (irp.cancelRequested() ? " (it was cancelled, and the holder did not complete it)" : ""),
                        now, holder(irp));
            }
        }
    }

    /** Whether the machine still had work scheduled: an outstanding IRP may yet complete. */
    public static boolean stillWorking(Kernel kernel) {
        return kernel.scheduler().pending() > 0;
    }

    private static String holder(Irp irp) {
        if (irp.completed()) {
            return "the I/O manager (completed, its completion APC never ran)";
        }
        int loc = irp.CurrentLocation();
        if (loc >= 1 && loc <= irp.StackCount()) {
            DeviceObject d = irp.location(loc).DeviceObject();
            if (d != null) {
                return d.DriverObject.DriverName + " (stack location " + loc + " of " + irp.StackCount() + ")";
            }
        }
        return "no driver (CurrentLocation " + loc + " of " + irp.StackCount() + ")";
    }

    @Override
    public boolean claims(SystemHalt halt) {
        return halt.stop() instanceof Stop.Hang h && h.kind() == Stop.Hang.Kind.WAIT;
    }

    @Override
    public void report(SystemHalt halt) {
        explain(halt, driverOf(halt) + " waits for a request that will never complete: the driver holding it "
                + "neither completes nor forwards it");
    }
}
