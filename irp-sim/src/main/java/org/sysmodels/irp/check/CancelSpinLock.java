package org.sysmodels.irp.check;

import java.util.List;
import org.sysmodels.core.check.Rule;
import org.sysmodels.irp.model.Stop;
import org.sysmodels.irp.model.SystemHalt;
import org.sysmodels.irp.model.io.DriverObject;
import org.sysmodels.irp.model.io.RoutineFrame;
import org.sysmodels.irp.model.io.RoutineKind;
import org.sysmodels.irp.model.ke.Processor;

/**
 * SDV CancelSpinLock and SpinLock, and the run-time bug checks that go with them: the cancel spin lock and every
 * other spin lock are acquired and released in pairs, and no routine returns holding one. A cancel routine that
 * returns still holding the cancel spin lock is bug check 0x11B DRIVER_RETURNED_HOLDING_CANCEL_LOCK; a dispatch or
 * cancel routine that returns holding another spin lock is the SpinLock rule, which Driver Verifier's DDI compliance
 * checking stops at run time with 0xC4 DRIVER_VERIFIER_DETECTED_VIOLATION (0x00040009; WDK "SpinLock rule (wdm)"; its
 * other parameters, the rule's description string and state addresses, are left at 0); acquiring a lock the processor
 * holds is SPIN_LOCK_ALREADY_OWNED (0x0F) on a checked build (a free build spins forever); releasing one it does not
 * hold is SPIN_LOCK_NOT_OWNED (0x10).
 */
public final class CancelSpinLock extends VerifierCheck {

    public static final Rule RULE = new Rule("cancel-spin-lock",
            "IoAcquireCancelSpinLock and IoReleaseCancelSpinLock alternate, and no spin lock is held when a dispatch "
                    + "or cancel routine ends (Static Driver Verifier rules CancelSpinLock and SpinLock); a cancel "
                    + "routine returning with the cancel lock is bug check 0x11B DRIVER_RETURNED_HOLDING_CANCEL_LOCK, "
                    + "one returning with another spin lock 0xC4 (0x00040009) under DDI compliance checking",
            "WDK Static Driver Verifier rules CancelSpinLock and SpinLock (wdm); WDK Bug Checks 0x11B and 0xC4; "
                    + "bugcodes.h 0x0F, 0x10");
    /** Bug check 0xC4's first parameter for the DDI compliance rule SpinLock (WDK "SpinLock rule (wdm)"). */
    static final long DDI_SPIN_LOCK = 0x00040009L;

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
        if (p.spinLocksHeld() <= allowed) {
            return;
        }
        String rest = ": every other processor that wants it will now spin forever; release it on every path";
        if (p.cancelLockHeld()) {
            violation(new Stop.SdvRule("CancelSpinLock"), who(f) + " returned holding the cancel spin lock" + rest);
        } else if (f.kind() == RoutineKind.DISPATCH || f.kind() == RoutineKind.CANCEL) {
            violation(new Stop.BugCheck(Stop.BugCheck.DRIVER_VERIFIER_DETECTED_VIOLATION, DDI_SPIN_LOCK, 0, 0, 0),
                    who(f) + " returned holding " + held(f, p) + " (DDI compliance rule SpinLock, which Driver "
                            + "Verifier checks at run time)" + rest);
        } else {
            violation(new Stop.SdvRule("SpinLock"), who(f) + " returned holding " + held(f, p) + rest);
        }
    }

    /** The driver's locks {@code p} holds, by field, or "a spin lock" if none of its fields holds one. */
    private String held(RoutineFrame f, Processor p) {
        List<String> names = SpinLockNames.heldBy(f.driver(), p.number()).stream()
                .map(n -> SpinLockNames.describe(n.lock(), n.field(), kernel().objectAddress(n.lock()))).toList();
        return names.isEmpty() ? "a spin lock" : String.join(" and ", names);
    }

    /** The lock whose address a 0x0F or 0x10 carries, as the running driver's code knows it, and who holds it. */
    private String lockOf(SystemHalt halt, boolean owner) {
        long address = ((Stop.BugCheck) halt.stop()).p1();
        RoutineFrame f = kernel().frame();
        DriverObject driver = f == null ? null : f.driver();
        for (SpinLockNames.Named n : SpinLockNames.of(driver)) {
            if (kernel().objectAddress(n.lock()) == address) {
                String held = n.lock().isFree() ? "no processor holds it" : "CPU " + n.lock().owner() + " holds it";
                return SpinLockNames.describe(n.lock(), n.field(), address) + (owner ? " (" + held + ")" : "");
            }
        }
        return "the spin lock at " + hex(address);
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
                    driverOf(halt) + " acquired " + lockOf(halt, false) + " again: its processor already holds "
                            + "it (a free build spins forever here)";
            case Stop.BugCheck b when b.code() == Stop.BugCheck.SPIN_LOCK_NOT_OWNED ->
                    driverOf(halt) + " released " + lockOf(halt, true) + ", which its processor does not hold";
            default -> driverOf(halt) + " spins forever: " + halt.stop().headline();
        };
        explain(halt, what);
    }
}
