package org.sysmodels.irp.check;

import org.sysmodels.core.check.Rule;
import org.sysmodels.irp.model.Stop;
import org.sysmodels.irp.model.SystemHalt;
import org.sysmodels.irp.model.io.RoutineFrame;
import org.sysmodels.irp.model.io.RoutineKind;
import org.sysmodels.irp.model.ke.Processor;

/**
 * SDV CancelSpinLock, and the run-time bug checks that go with it: the cancel spin lock (and every spin lock) is
 * acquired and released in pairs, and no routine returns holding one. A cancel routine that returns still holding
 * the cancel spin lock is bug check 0x11B DRIVER_RETURNED_HOLDING_CANCEL_LOCK; acquiring a lock the processor holds is
 * SPIN_LOCK_ALREADY_OWNED (0x0F) on a checked build (a free build spins forever); releasing one it does not hold is
 * SPIN_LOCK_NOT_OWNED (0x10).
 */
public final class CancelSpinLock extends VerifierCheck {

    public static final Rule RULE = new Rule("cancel-spin-lock",
            "IoAcquireCancelSpinLock and IoReleaseCancelSpinLock alternate, and no spin lock is held when a dispatch "
                    + "or cancel routine ends (Static Driver Verifier rule CancelSpinLock); a cancel routine returning "
                    + "with the cancel lock is bug check 0x11B DRIVER_RETURNED_HOLDING_CANCEL_LOCK",
            "WDK Static Driver Verifier rule CancelSpinLock (wdm); WDK Bug Check 0x11B; bugcodes.h 0x0F, 0x10");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void onRoutineExit(RoutineFrame f, int status) {
        if (!f.isDriverCode()) {
            return;
        }
        Processor p = kernel().current();
        int allowed = f.kind() == RoutineKind.CANCEL ? f.spinLocksAtEntry() - 1 : f.spinLocksAtEntry();
        if (p.spinLocksHeld() > allowed) {
            violation(new Stop.SdvRule("CancelSpinLock"), who(f) + " returned holding "
                    + (p.cancelLockHeld() ? "the cancel spin lock" : "a spin lock")
                    + ": every other processor that wants it will now spin forever; release it on every path");
        }
    }

    @Override
    public boolean claims(SystemHalt halt) {
        return isBugCheck(halt, Stop.BugCheck.DRIVER_RETURNED_HOLDING_CANCEL_LOCK)
                || isBugCheck(halt, Stop.BugCheck.SPIN_LOCK_ALREADY_OWNED)
                || isBugCheck(halt, Stop.BugCheck.SPIN_LOCK_NOT_OWNED)
                || halt.stop() instanceof Stop.Hang h && h.kind() == Stop.Hang.Kind.SPIN_LOCK;
    }

    @Override
    public void report(SystemHalt halt) {
        String what = switch (halt.stop()) {
            case Stop.BugCheck b when b.code() == Stop.BugCheck.DRIVER_RETURNED_HOLDING_CANCEL_LOCK ->
                    driverOf(halt) + "'s cancel routine returned still holding the cancel spin lock: it must call "
                            + "IoReleaseCancelSpinLock(Irp->CancelIrql) before anything else";
            case Stop.BugCheck b when b.code() == Stop.BugCheck.SPIN_LOCK_ALREADY_OWNED ->
                    driverOf(halt) + " acquired a spin lock its processor already holds (a free build spins forever "
                            + "here)";
            case Stop.BugCheck b when b.code() == Stop.BugCheck.SPIN_LOCK_NOT_OWNED ->
                    driverOf(halt) + " released a spin lock its processor does not hold";
            default -> driverOf(halt) + " spins forever: " + halt.stop().headline();
        };
        explain(halt, what);
    }
}
