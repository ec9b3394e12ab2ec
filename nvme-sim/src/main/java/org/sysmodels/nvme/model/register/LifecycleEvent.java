package org.sysmodels.nvme.model.register;

/** What can move the controller between {@link ControllerState}s. */
public sealed interface LifecycleEvent {

    /** The host wrote CC. */
    record CcWritten(Cc before, Cc after) implements LifecycleEvent {
        public boolean enabled() {
            return !before.en() && after.en();
        }

        public boolean disabled() {
            return before.en() && !after.en();
        }

        public boolean shutdownNotified() {
            return before.shn() == Cc.SHN_NONE && after.shn() != Cc.SHN_NONE;
        }
    }

    /** The delay of the current state (enable, reset, shutdown) has passed. */
    record Elapsed(int generation) implements LifecycleEvent {
    }

    /** A normal shutdown found no command left inside the controller. */
    record Drained() implements LifecycleEvent {
    }

    /** Something the controller cannot report in a completion queue went wrong. */
    record FatalError(String reason) implements LifecycleEvent {
    }

    /** The host wrote "NVMe" to NSSR (and CAP.NSSRS = 1). */
    record SubsystemReset() implements LifecycleEvent {
    }
}
