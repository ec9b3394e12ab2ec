package org.sysmodels.sensor.host.rtic;

import java.util.function.Consumer;
import org.sysmodels.sensor.model.core.Core;

/**
 * The immediate priority ceiling protocol as RTIC implements it on Cortex-M (the RTIC book, "Resources" and
 * "Critical sections"): a lock raises BASEPRI to the resource's ceiling, so no task that could touch the resource can
 * start, runs the critical section, and restores the old BASEPRI (a pending task that can now run is taken right
 * there). A task already running at or above the ceiling needs no lock; a ceiling at the highest priority masks all
 * interrupts with PRIMASK, since BASEPRI 0 means "no masking". No task ever waits for a lock: blocking is bounded by
 * one critical section.
 */
public final class CeilingLock implements LockPolicy {

    @Override
    public <T> void lock(RticApp app, Task running, Resource<T> r, Consumer<T> body) {
        Core core = app.mcu().core();
        int current = app.logicalPriority(core.basepri(), running);
        if (r.ceiling <= current) {
            body.accept(r.data());
            return;
        }
        if (r.ceiling >= app.maxPriority()) {
            boolean wasMasked = core.primask();
            core.disableInterrupts();
            try {
                body.accept(r.data());
            } finally {
                if (!wasMasked) {
                    core.enableInterrupts();
                }
            }
            return;
        }
        int old = core.basepri();
        core.setBasepri(app.hardwarePriority(r.ceiling));
        try {
            body.accept(r.data());
        } finally {
            core.setBasepri(old);
        }
    }
}
