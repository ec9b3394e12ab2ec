package org.sysmodels.sensor.host.labs;

import java.util.function.Consumer;
import org.sysmodels.sensor.host.rtic.LockPolicy;
import org.sysmodels.sensor.host.rtic.Resource;
import org.sysmodels.sensor.host.rtic.RticApp;
import org.sysmodels.sensor.host.rtic.Task;
import org.sysmodels.sensor.host.rtic.TaskBlocked;

/**
 * Bug lab component: a plain mutex. A task that finds the resource taken gives up and is pended again when the holder
 * unlocks, while the holder runs at its own low priority, so any medium-priority task can preempt the holder and delay
 * the waiting high-priority task for as long as it likes: unbounded priority inversion (the Mars Pathfinder bug).
 */
public final class DeferringMutex implements LockPolicy {

    @Override
    public <T> void lock(RticApp app, Task running, Resource<T> r, Consumer<T> body) {
        Task holder = r.holder();
        if (holder != null && holder != running) {
            throw new TaskBlocked(r);
        }
        r.hold(running);
        try {
            body.accept(r.data());
        } finally {
            r.hold(null);
            app.released(r);
        }
    }
}
