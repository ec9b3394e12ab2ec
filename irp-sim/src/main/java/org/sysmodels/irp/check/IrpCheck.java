package org.sysmodels.irp.check;

import org.sysmodels.core.check.Check;
import org.sysmodels.irp.model.SystemHalt;
import org.sysmodels.irp.model.io.IoObserver;
import org.sysmodels.irp.model.io.RoutineKind;

/**
 * One rule of the simulated verifier: a {@link Check} that observes the I/O manager's events it needs. A check
 * either finds the violation itself (Driver Verifier's and Static Driver Verifier's rules) and stops the machine, or
 * claims a bug check the kernel raised on its own (MULTIPLE_IRP_COMPLETE_REQUESTS) and explains it.
 */
public interface IrpCheck extends Check, IoObserver {

    /** Every kind of routine, for {@link #exitKinds()}. */
    int ALL_KINDS = -1;

    /**
     * The kinds of routine whose exit this rule looks at, as a bit mask of {@link RoutineKind} ordinals: the verifier
     * hands {@link #onRoutineExit} only those.
     */
    default int exitKinds() {
        return ALL_KINDS;
    }

    /** The mask of one kind. */
    static int kind(RoutineKind k) {
        return 1 << k.ordinal();
    }

    /** Whether this rule explains {@code halt} (a stop the kernel raised itself). */
    default boolean claims(SystemHalt halt) {
        return false;
    }

    /** Reports a claimed stop as this rule's finding. */
    default void report(SystemHalt halt) {
    }
}
