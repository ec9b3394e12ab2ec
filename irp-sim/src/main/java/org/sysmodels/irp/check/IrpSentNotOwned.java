package org.sysmodels.irp.check;

import java.util.Arrays;
import org.sysmodels.core.check.Rule;
import org.sysmodels.irp.model.NtStatus;
import org.sysmodels.irp.model.Stop;
import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.DriverObject;
import org.sysmodels.irp.model.io.Irp;
import org.sysmodels.irp.model.io.RoutineFrame;
import org.sysmodels.irp.model.io.RoutineKind;

/**
 * Only the driver that owns an IRP sends it down. IoCallDriver hands the IRP to the driver below, which owns it until
 * it completes it; the caller gets it back only if its completion routine returns STATUS_MORE_PROCESSING_REQUIRED
 * (WDK IofCallDriver: an IRP passed to IoCallDriver "becomes inaccessible to the higher-level driver" unless it set a
 * completion routine; WDK "Synchronizing Cancellation in Higher-Level Drivers": once it calls IoCallDriver "it no
 * longer owns that IRP"). A driver that calls IoCallDriver again with an IRP it passed on stops the machine:
 * <ul>
 *   <li>one a lower driver still owns: a WDK rule finding. Windows' IofCallDriver does not look, and Microsoft's
 *       parameter table for 0xC9 DRIVER_VERIFIER_IOMANAGER_VIOLATION (WDK Bug Check 0xC9) lists no code for it, so
 *       the model names no bug check it cannot source: it stops at the call with the WDK's rule, the owner and the
 *       line that sent the IRP down;</li>
 *   <li>one already completed: 0x44 MULTIPLE_IRP_COMPLETE_REQUESTS (the IRP, 0, 0, 0), what follows on Windows when
 *       the driver below completes the packet again ("two separate drivers each believe that they own the packet",
 *       WDK Bug Check 0x44). Windows' IofCallDriver does not look; stopping at the IoCallDriver, where the mistake
 *       is, is the model's choice.</li>
 * </ul>
 * Ownership is kept by stack location: the location IoCallDriver gave the IRP to (its device's driver owns it), moved
 * up to the current location when a completion routine returns STATUS_MORE_PROCESSING_REQUIRED. Only calls from a
 * driver's routine are judged, and a completion routine may send its own IRP on.
 */
public final class IrpSentNotOwned extends VerifierCheck {

    public static final Rule RULE = new Rule("iomanager-irp-sent-not-owned",
            "only the driver that owns an IRP calls IoCallDriver with it: after IoCallDriver the IRP belongs to the "
                    + "driver below until it completes it (or the caller's completion routine returns "
                    + "STATUS_MORE_PROCESSING_REQUIRED); sending it again while a lower driver owns it "
                    + "stops at the call (a WDK rule: Windows does not check it and documents no bug check for it), "
                    + "sending a completed one is 0x44 MULTIPLE_IRP_COMPLETE_REQUESTS (the IRP, 0, 0, 0)",
            "WDK IofCallDriver and \"Synchronizing Cancellation in Higher-Level Drivers\"; WDK Bug Checks 0xC9 "
                    + "(no code for it) and 0x44");
    /** No driver holds the IRP yet (or again): its issuer may send it. */
    private static final int ISSUER = 0;

    /**
     * Per packet (by {@link Irp#index()}): the use it describes and the location holding it, as generation << 32 |
     * location (one load and one store per IoCallDriver), and the student's line that sent it there.
     */
    private long[] holder = new long[64];
    private String[] sentAt = new String[64];

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public int exitKinds() {
        return IrpCheck.kind(RoutineKind.COMPLETION);
    }

    /**
     * The verifier's hot path (two calls per synchronous read): a dispatch routine sending on the IRP it was called
     * with, from the location it was called at, is its owner without further look; everything else is judged.
     */
    @Override
    public void onCallDriver(RoutineFrame caller, DeviceObject target, Irp irp) {
        int i = irp.index();
        long use = (long) irp.generation() << 32;
        int at = i < holder.length ? heldAt(holder[i], use) : grow(i);
        if (caller != null && ((at != ISSUER && (caller.irp() != irp || caller.locationAtEntry() != at))
                || irp.completed())) {
            judge(caller, irp, i, at);
        }
        int to = irp.CurrentLocation() - 1;
        holder[i] = use | (to >= 1 && to <= irp.StackCount() ? to : ISSUER);
        String line = caller == null ? null : caller.sourceLine();
        if (sentAt[i] != line) {
            sentAt[i] = line;
        }
    }

    /** The location holding the packet in use {@code use}, from its slot's {@code state}. */
    private static int heldAt(long state, long use) {
        return (state & 0xFFFF_FFFF_0000_0000L) == use ? (int) state : ISSUER;
    }

    /** Stops the machine if a driver's {@code caller} sends {@code irp}, held at location {@code at}, not its own. */
    private void judge(RoutineFrame caller, Irp irp, int i, int at) {
        if (!caller.isDriverCode()) {
            return;
        }
        if (irp.completed()) {
            boolean own = caller.irp() == irp && caller.did(RoutineFrame.COMPLETED);
            violation(new Stop.BugCheck(Stop.BugCheck.MULTIPLE_IRP_COMPLETE_REQUESTS, irp.address(), 0, 0, 0),
                    who(caller) + " called IoCallDriver with " + irp(irp) + ", which "
                            + (own ? "it had completed itself" : "was completed already (by a driver below)")
                            + ": a completed IRP belongs to the I/O manager, which finishes and frees it, and the "
                            + "driver below would complete it a second time; "
                            + (own ? "after IoCompleteRequest return the status you completed it with and do not "
                                    + "touch the IRP" : "send an IRP down once and return what IoCallDriver returned"));
        }
        if (at != ISSUER && !owns(caller, irp, at)) {
            DeviceObject below = irp.location(at).DeviceObject();
            violation(new Stop.WdkRule("IoCallDriver with an IRP a lower driver owns"),
                    who(caller) + " called IoCallDriver with " + irp(irp) + ", which "
                            + (below == null ? "a lower driver" : below.DriverObject.DriverName)
                            + " owns: it was passed down" + (sentAt[i] == null ? "" : " at " + sentAt[i])
                            + " and not given back. After IoCallDriver the IRP is the lower driver's until it "
                            + "completes it; to send it down again, set a completion routine that returns "
                            + "STATUS_MORE_PROCESSING_REQUIRED, wait until it has run (IoForwardIrpSynchronously "
                            + "does both), then call IoCallDriver again");
        }
    }

    /** A completion routine that keeps its IRP (STATUS_MORE_PROCESSING_REQUIRED) owns it again. */
    @Override
    public void onRoutineExit(RoutineFrame f, int status) {
        Irp irp = f.irp();
        if (irp == null || status != NtStatus.STATUS_MORE_PROCESSING_REQUIRED || irp.completed()) {
            return;
        }
        int i = irp.index();
        if (i >= holder.length) {
            grow(i);
        }
        int at = irp.CurrentLocation();
        holder[i] = (long) irp.generation() << 32 | (at > irp.StackCount() ? ISSUER : at);
    }

    /** Whether {@code caller} is the driver of the location holding {@code irp}, or its completion routine. */
    private static boolean owns(RoutineFrame caller, Irp irp, int at) {
        if (caller.kind() == RoutineKind.COMPLETION && caller.irp() == irp) {
            return true;
        }
        DeviceObject holderDevice = irp.location(at).DeviceObject();
        DriverObject owner = holderDevice == null ? null : holderDevice.DriverObject;
        return owner == null || owner == caller.driver();
    }

    /** Makes room for packet {@code i}. @return {@link #ISSUER}: a packet seen first is its issuer's */
    private int grow(int i) {
        int n = Math.max(i + 1, holder.length * 2);
        holder = Arrays.copyOf(holder, n);
        sentAt = Arrays.copyOf(sentAt, n);
        return ISSUER;
    }
}
