package org.sysmodels.sensor.model.core;

import org.sysmodels.core.sched.Scheduler;

/**
 * Who the core tells what it does. Per frequent event (exception entry and exit, power states) only the listeners
 * that override its method are kept ({@link Overrides}), so an event nobody listens to costs no call, and the time is
 * read only for a listener. The power hooks are the MCU's own parts that must follow the power state (SysTick stops
 * in Stop); they are told first.
 */
final class CoreListeners {

    private final Scheduler sched;
    private CoreListener[] all = new CoreListener[0];
    private CoreListener[] entries = new CoreListener[0];
    private CoreListener[] exits = new CoreListener[0];
    private CoreListener[] powerListeners = new CoreListener[0];
    private CoreListener[] powerHooks = new CoreListener[0];
    /** The power hooks, then the power listeners: the order they are told in. */
    private CoreListener[] powers = new CoreListener[0];

    CoreListeners(Scheduler sched) {
        this.sched = sched;
    }

    void add(CoreListener l) {
        all = Overrides.append(all, l);
        if (Overrides.method(l, CoreListener.class, "exceptionEntry", int.class, long.class)) {
            entries = Overrides.append(entries, l);
        }
        if (Overrides.method(l, CoreListener.class, "exceptionExit", int.class, long.class)) {
            exits = Overrides.append(exits, l);
        }
        if (Overrides.method(l, CoreListener.class, "powerState", PowerState.class, long.class)) {
            powerListeners = Overrides.append(powerListeners, l);
            powers = Overrides.append(powers, l);
        }
    }

    void addPowerHook(CoreListener hook) {
        powerHooks = Overrides.append(powerHooks, hook);
        powers = java.util.Arrays.copyOf(powerHooks, powerHooks.length + powerListeners.length);
        System.arraycopy(powerListeners, 0, powers, powerHooks.length, powerListeners.length);
    }

    void exceptionEntry(int exc) {
        for (CoreListener l : entries) {
            l.exceptionEntry(exc, sched.now());
        }
    }

    void exceptionExit(int exc) {
        for (CoreListener l : exits) {
            l.exceptionExit(exc, sched.now());
        }
    }

    void powerState(PowerState s, long now) {
        for (CoreListener l : powers) {
            l.powerState(s, now);
        }
    }

    void reset(ResetCause cause, long now) {
        for (CoreListener l : all) {
            l.reset(cause, now);
        }
    }

    void hardFault(Throwable thrown, int exc, long now) {
        for (CoreListener l : all) {
            l.hardFault(thrown, exc, now);
        }
    }

    void hung(int exc, long now) {
        for (CoreListener l : all) {
            l.hung(exc, now);
        }
    }

    void stopCaught(Error stop, long now) {
        for (CoreListener l : all) {
            l.stopCaught(stop, now);
        }
    }

    void stopCaughtInHandler(Error stop, int exc, Throwable where, long now) {
        for (CoreListener l : all) {
            l.stopCaughtInHandler(stop, exc, where, now);
        }
    }

    void faultAfterCaughtStop(Error stop, int exc, Throwable where, Throwable fault, long now) {
        for (CoreListener l : all) {
            l.faultAfterCaughtStop(stop, exc, where, fault, now);
        }
    }

    void mainReturned(long now) {
        for (CoreListener l : all) {
            l.mainReturned(now);
        }
    }
}
