package org.sysmodels.sensor.host.rtic;

import java.util.function.Consumer;
import org.sysmodels.sensor.model.Mcu;

/** What a task body gets: the MCU, its task, locks, and work accounting. */
public final class Context {

    private final RticApp app;
    private final Task task;

    Context(RticApp app, Task task) {
        this.app = app;
        this.task = task;
    }

    public Mcu mcu() {
        return app.mcu();
    }

    public Task task() {
        return task;
    }

    /** Executes {@code cycles} cycles of the task's own computation. */
    public void work(long cycles) {
        app.mcu().core().work(cycles);
    }

    /** Locks {@code r} for {@code body}, under the application's lock policy. */
    public <T> void lock(Resource<T> r, Consumer<T> body) {
        if (!task.uses.containsKey(r)) {
            throw new IllegalStateException("task " + task.name() + " locks " + r.name() + " without declaring it "
                    + "(add .uses(" + r.name() + ", csNs)): its ceiling would be wrong");
        }
        app.lockPolicy().lock(app, task, r, body);
    }
}
