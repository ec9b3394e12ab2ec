package org.sysmodels.sensor.model.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.sensor.model.Mcu;
import org.sysmodels.sensor.model.McuConfig;

/** A bare core for tests: main and handlers as lambdas, and a log of what ran. */
final class TestProgram implements Program {

    final Scheduler sched = new Scheduler();
    final Mcu mcu = new Mcu(McuConfig.DEFAULT, sched);
    final Core core = mcu.core();
    final List<String> log = new ArrayList<>();
    final Map<Integer, IntConsumer> handlers = new HashMap<>();
    Runnable main = () -> { };

    @Override
    public void main() {
        main.run();
        core.spinForever();
    }

    @Override
    public void handle(int exc) {
        log.add("enter " + exc);
        IntConsumer h = handlers.get(exc);
        if (h != null) {
            h.accept(exc);
        }
        log.add("exit " + exc);
    }

    /** Runs the program until {@code until} ns; resets boot it again. */
    void run(long until) {
        mcu.run(() -> this, until);
    }

    static int irq(int n) {
        return Exceptions.IRQ0 + n;
    }
}
