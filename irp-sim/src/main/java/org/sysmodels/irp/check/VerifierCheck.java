package org.sysmodels.irp.check;

import java.util.Locale;
import org.sysmodels.core.check.Findings;
import org.sysmodels.irp.model.Stop;
import org.sysmodels.irp.model.StopContext;
import org.sysmodels.irp.model.SystemHalt;
import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.Irp;
import org.sysmodels.irp.model.io.Kernel;
import org.sysmodels.irp.model.io.RoutineFrame;

/**
 * What every rule of the verifier shares: the machine it watches, the run's findings, and how a violation is
 * reported: one finding that names the stop (bug check code and parameters), the driver and routine, the IRP, and
 * what went wrong; then the machine stops, as KeBugCheckEx stops Windows.
 */
public abstract class VerifierCheck implements IrpCheck {

    private Kernel kernel;
    private Findings findings;
    private Verifier verifier;

    @Override
    public void onCallDriver(RoutineFrame caller, DeviceObject target, Irp irp) {
    }

    @Override
    public void onRoutineEnter(RoutineFrame frame) {
    }

    @Override
    public void onRoutineExit(RoutineFrame frame, int status) {
    }

    @Override
    public void onCompleteRequest(RoutineFrame caller, Irp irp) {
    }

    @Override
    public void onSetCompletionRoutine(RoutineFrame caller, Irp irp) {
    }

    /** Called once by the verifier before the run. */
    final void attach(Kernel k, Findings f, Verifier v) {
        this.kernel = k;
        this.findings = f;
        this.verifier = v;
    }

    protected final Kernel kernel() {
        return kernel;
    }

    protected final Findings findings() {
        return findings;
    }

    /** Reports the violation with the machine's current context and stops the machine. */
    protected final void violation(Stop stop, String what) {
        StopContext c = kernel.context();
        findings.violation(rule(), stop.headline() + ": " + what, c.at(), c.where());
        if (verifier != null) {
            verifier.reportedBy(rule());
        }
        kernel.stop(stop, true);
    }

    /** Reports a stop the kernel raised, with this rule's explanation. */
    protected final void explain(SystemHalt halt, String what) {
        StopContext c = halt.context();
        findings.violation(rule(), halt.stop().headline() + ": " + what, c.at(), c.where());
    }

    /** "\Driver\RamDisk dispatch for IRP_MJ_READ", or "the I/O manager". */
    protected static String who(RoutineFrame f) {
        return f == null ? OUTSIDE_ANY_ROUTINE : f.describe();
    }

    /** {@link #who} of a call made where no routine frame is (a user thread's own code). */
    protected static final String OUTSIDE_ANY_ROUTINE = "code outside any driver routine";

    /** The driver named in a stop's context, or "a driver". */
    protected static String driverOf(SystemHalt h) {
        String d = h.context().driver();
        return d.isEmpty() ? "the I/O manager" : d;
    }

    /** "IRP 0xffffc00000001000 (IRP_MJ_READ)". */
    protected static String irp(Irp irp) {
        return "IRP " + irp.describe();
    }

    protected static String hex(long v) {
        return String.format(Locale.ROOT, "0x%x", v);
    }

    /** True for a bug check with this code. */
    protected static boolean isBugCheck(SystemHalt h, int code) {
        return h.stop() instanceof Stop.BugCheck b && b.code() == code;
    }
}
