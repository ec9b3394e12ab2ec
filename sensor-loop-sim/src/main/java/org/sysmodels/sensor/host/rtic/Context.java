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

    /**
     * When the running instance was released (ns), the oldest if releases coalesced while it waited: what RTIC's
     * timer queue knows as the instant a task was scheduled for ({@code cx.scheduled} in RTIC 0.5).
     */
    public long released() {
        return task.opened > 0 ? task.open[0] : app.mcu().now();
    }

    /** True when the running instance is already past its deadline. */
    public boolean late() {
        return app.mcu().now() - released() > task.deadlineNs();
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
