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
 * (WDK "Passing IRPs down the driver stack", IoCallDriver: "the caller must not access the IRP" once it has passed it
 * on). A driver that calls IoCallDriver again with an IRP it passed on stops the machine:
 * <ul>
 *   <li>one a lower driver still owns: 0xC9 DRIVER_VERIFIER_IOMANAGER_VIOLATION, the code for every violation Driver
 *       Verifier's I/O verification finds (WDK Bug Check 0xC9). Microsoft's parameter table lists no code for this
 *       one; the verifier's IRP tracking (enhanced I/O verification) reports its findings with Parameter 1 from 0x200
 *       up, Parameter 2 the address in the driver's code and Parameter 3 the IRP, as public !analyze output shows
 *       (0x21F, 0x226). <b>Parameter 1 = 0x205 is the model's choice</b>, not a documented value;</li>
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
                    + "STATUS_MORE_PROCESSING_REQUIRED); sending it again is bug check 0xC9 "
                    + "DRIVER_VERIFIER_IOMANAGER_VIOLATION (0x205, the caller, the IRP, 0; the subcode is the "
                    + "model's), sending a completed one 0x44 MULTIPLE_IRP_COMPLETE_REQUESTS (the IRP, 0, 0, 0)",
            "WDK IoCallDriver and \"Passing IRPs down the driver stack\"; WDK Bug Checks 0xC9 (Parameter 1 0x205 "
                    + "is the model's choice) and 0x44");
    /** Bug check 0xC9's Parameter 1 for an IRP sent on by a driver that no longer owns it: the model's choice. */
    static final long IRP_NOT_OWNED = 0x205;
    /** No driver holds the IRP yet (or again): its issuer may send it. */
    private static final int ISSUER = 0;

    /** Per packet (by {@link Irp#index()}): the use it describes, the location holding it, who sent it there. */
    private int[] generation = new int[64];
    private int[] holder = new int[64];
    private String[] sentAt = new String[64];

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public int exitKinds() {
        return IrpCheck.kind(RoutineKind.COMPLETION);
    }

    @Override
    public void onCallDriver(RoutineFrame caller, DeviceObject target, Irp irp) {
        int i = slot(irp);
        if (caller != null && caller.isDriverCode()) {
            if (irp.completed()) {
                boolean own = caller.irp() == irp && caller.did(RoutineFrame.COMPLETED);
                violation(new Stop.BugCheck(Stop.BugCheck.MULTIPLE_IRP_COMPLETE_REQUESTS, irp.address(), 0, 0, 0),
                        who(caller) + " called IoCallDriver with " + irp(irp) + ", which "
                                + (own ? "it had completed itself" : "was completed already (by a driver below)")
                                + ": a completed IRP belongs to the I/O manager, which finishes and frees it, and the "
                                + "driver below would complete it a second time; "
                                + (own ? "after IoCompleteRequest return the status you completed it with and do not "
                                        + "touch the IRP" : "send an IRP down once and return what IoCallDriver "
                                        + "returned"));
            }
            int at = holder[i];
            if (at != ISSUER && !owns(caller, irp, at)) {
                DeviceObject below = irp.location(at).DeviceObject();
                violation(new Stop.BugCheck(Stop.BugCheck.DRIVER_VERIFIER_IOMANAGER_VIOLATION, IRP_NOT_OWNED,
                        kernel().routineAddress(caller.routine()), irp.address(), 0),
                        who(caller) + " called IoCallDriver with " + irp(irp) + ", which "
                                + (below == null ? "a lower driver" : below.DriverObject.DriverName)
                                + " owns: it was passed down" + (sentAt[i] == null ? "" : " at " + sentAt[i])
                                + " and not given back. After IoCallDriver the IRP is the lower driver's until it "
                                + "completes it; to send it down again, set a completion routine that returns "
                                + "STATUS_MORE_PROCESSING_REQUIRED, wait until it has run (IoForwardIrpSynchronously "
                                + "does both), then call IoCallDriver again");
            }
        }
        int to = irp.CurrentLocation() - 1;
        holder[i] = to < 1 || to > irp.StackCount() ? ISSUER : to;
        sentAt[i] = caller == null ? null : caller.sourceLine();
    }

    /** A completion routine that keeps its IRP (STATUS_MORE_PROCESSING_REQUIRED) owns it again. */
    @Override
    public void onRoutineExit(RoutineFrame f, int status) {
        Irp irp = f.irp();
        if (irp == null || status != NtStatus.STATUS_MORE_PROCESSING_REQUIRED || irp.completed()) {
            return;
        }
        int i = slot(irp);
        int at = irp.CurrentLocation();
        holder[i] = at > irp.StackCount() ? ISSUER : at;
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

    /** The packet's slot, reset when the packet is in a new use. */
    private int slot(Irp irp) {
        int i = irp.index();
        if (i >= holder.length) {
            int n = Math.max(i + 1, holder.length * 2);
            generation = Arrays.copyOf(generation, n);
            holder = Arrays.copyOf(holder, n);
            sentAt = Arrays.copyOf(sentAt, n);
        }
        if (generation[i] != irp.generation()) {
            generation[i] = irp.generation();
            holder[i] = ISSUER;
            sentAt[i] = null;
        }
        return i;
    }
}
