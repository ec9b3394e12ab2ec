package org.sysmodels.sensor.check;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sysmodels.sensor.host.rtic.TaskListener;
import org.sysmodels.sensor.model.core.CoreListener;
import org.sysmodels.sensor.model.core.ResetCause;
import org.sysmodels.sensor.model.i2c.I2cListener;
import org.sysmodels.sensor.model.io.DiagnosticPort;
import org.sysmodels.sensor.model.io.Gpio;
import org.sysmodels.sensor.model.wdg.WatchdogListener;

/**
 * Connects a run's checks to the MCU: listens to every part once and hands each event only to the observers that
 * override its method (found once, by reflection, when the hub is built), so the per-cycle events (an actuator write)
 * cost one call per interested check and nothing for the others.
 */
public final class CheckHub implements CoreListener, WatchdogListener, I2cListener, Gpio.Listener,
        DiagnosticPort.Listener, TaskListener {

    private final LoopObserver[] faults;
    private final LoopObserver[] diagnostics;
    private final LoopObserver[] actuators;
    /** The actuator observers that also take writes which leave the level as it was (the loop's refreshes). */
    private final LoopObserver[] actuatorRefreshes;
    private final LoopObserver[] resets;
    private final LoopObserver[] watchdogs;
    private final LoopObserver[] sda;
    private final LoopObserver[] clears;
    private final LoopObserver[] hardFaults;
    private final LoopObserver[] returns;
    private final LoopObserver[] hangs;
    private final LoopObserver[] tasks;
    private final LoopObserver[] releases;

    public CheckHub(List<? extends LoopObserver> observers) {
        faults = interested(observers, "faultInjected", FaultRecord.class);
        diagnostics = interested(observers, "diagnostic", int.class, int.class, long.class);
        actuators = interested(observers, "actuator", boolean.class, boolean.class, long.class);
        actuatorRefreshes = Arrays.stream(actuators).filter(LoopObserver::seesUnchangedWrites)
                .toArray(LoopObserver[]::new);
        resets = interested(observers, "reset", ResetCause.class, long.class);
        watchdogs = interested(observers, "watchdogExpired", WatchdogListener.Kind.class, String.class, long.class);
        sda = interested(observers, "sdaStuck", int.class, boolean.class, long.class);
        clears = interested(observers, "busClear", int.class, int.class, boolean.class, long.class, long.class);
        hardFaults = interested(observers, "hardFault", Throwable.class, int.class, long.class);
        returns = interested(observers, "mainReturned", long.class);
        hangs = interested(observers, "hung", int.class, long.class);
        tasks = interested(observers, "taskCompleted", String.class, long.class, long.class, long.class, long.class);
        releases = interested(observers, "taskReleased", String.class, long.class, long.class);
    }

    private static LoopObserver[] interested(List<? extends LoopObserver> all, String name, Class<?>... params) {
        List<LoopObserver> out = new ArrayList<>();
        for (LoopObserver o : all) {
            try {
                Method m = o.getClass().getMethod(name, params);
                if (m.getDeclaringClass() != LoopObserver.class) {
                    out.add(o);
                }
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("LoopObserver has no " + name + Arrays.toString(params), e);
            }
        }
        return out.toArray(LoopObserver[]::new);
    }

    /** The run injected a fault (not an MCU event: the run calls this). */
    public void faultInjected(FaultRecord f) {
        for (LoopObserver o : faults) {
            o.faultInjected(f);
        }
    }

    @Override
    public void report(int code, int channel, long now) {
        for (LoopObserver o : diagnostics) {
            o.diagnostic(code, channel, now);
        }
    }

    @Override
    public void pin(int pin, boolean level, boolean changed, long now) {
        if (pin == Gpio.ACTUATOR) {
            for (LoopObserver o : changed ? actuators : actuatorRefreshes) {
                o.actuator(level, changed, now);
            }
        }
    }

    @Override
    public void reset(ResetCause cause, long now) {
        for (LoopObserver o : resets) {
            o.reset(cause, now);
        }
    }

    @Override
    public void expired(Kind kind, String why, long now) {
        for (LoopObserver o : watchdogs) {
            o.watchdogExpired(kind, why, now);
        }
    }

    @Override
    public void sdaStuck(int bus, boolean stuck, long now) {
        for (LoopObserver o : sda) {
            o.sdaStuck(bus, stuck, now);
        }
    }

    @Override
    public void busClear(int bus, int clocks, boolean released, long start, long end) {
        for (LoopObserver o : clears) {
            o.busClear(bus, clocks, released, start, end);
        }
    }

    @Override
    public void hardFault(Throwable thrown, int exc, long now) {
        for (LoopObserver o : hardFaults) {
            o.hardFault(thrown, exc, now);
        }
    }

    @Override
    public void hung(int exc, long now) {
        for (LoopObserver o : hangs) {
            o.hung(exc, now);
        }
    }

    @Override
    public void mainReturned(long now) {
        for (LoopObserver o : returns) {
            o.mainReturned(now);
        }
    }

    @Override
    public void released(String task, long release, long deadline) {
        for (LoopObserver o : releases) {
            o.taskReleased(task, release, deadline);
        }
    }

    @Override
    public void completed(String task, long release, long end, long bound, long deadline) {
        for (LoopObserver o : tasks) {
            o.taskCompleted(task, release, end, bound, deadline);
        }
    }
}
