package org.sysmodels.sensor.run;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.core.trace.Track;
import org.sysmodels.sensor.check.FaultRecord;
import org.sysmodels.sensor.host.rtic.TaskListener;
import org.sysmodels.sensor.host.safety.Dtc;
import org.sysmodels.sensor.model.core.CoreListener;
import org.sysmodels.sensor.model.core.Exceptions;
import org.sysmodels.sensor.model.core.PowerState;
import org.sysmodels.sensor.model.core.ResetCause;
import org.sysmodels.sensor.model.i2c.I2cListener;
import org.sysmodels.sensor.model.i2c.I2cStatus;
import org.sysmodels.sensor.model.io.DiagnosticPort;
import org.sysmodels.sensor.model.io.Gpio;
import org.sysmodels.sensor.model.wdg.WatchdogListener;

/**
 * Writes the run to a Perfetto trace: one track per exception handler (or RTIC task), the core's sleep periods, one
 * track per I2C bus with each transfer and bus clear, the watchdog counters at each refresh, the actuator level,
 * diagnostic reports and injected faults as instants, and RTIC response times as async slices.
 */
final class TraceRecorder implements CoreListener, I2cListener, WatchdogListener, Gpio.Listener,
        DiagnosticPort.Listener, TaskListener {

    private final Tracer tracer;
    private final Map<Integer, String> names = new HashMap<>();
    private final Map<Integer, Track> handlers = new HashMap<>();
    private final long[] entered = new long[Exceptions.COUNT];
    private final Track power;
    private final Track reset;
    private final Track outputs;
    private final Track diagnostics;
    private final Track faults;
    private final Track watchdogs;
    private final Track responses;
    private final Map<Integer, Track> buses = new LinkedHashMap<>();
    private long sleepSince = -1;
    private PowerState sleepState;
    private long asyncId;

    TraceRecorder(Tracer tracer, int busCount) {
        this.tracer = tracer;
        java.util.Arrays.fill(entered, -1);
        power = tracer.track("MCU", "core (sleep)");
        reset = tracer.track("MCU", "resets");
        for (int b = 1; b <= busCount; b++) {
            buses.put(b, tracer.track("I2C", "I2C" + b));
        }
        watchdogs = tracer.track("Watchdogs", "refreshes");
        outputs = tracer.track("Safety function", "actuator");
        diagnostics = tracer.track("Safety function", "diagnostics");
        faults = tracer.track("Faults", "injected");
        responses = tracer.track("RTIC", "response times");
    }

    /** Names an IRQ's track after the task it runs. */
    void name(int exc, String task) {
        names.put(exc, task);
    }

    private Track handler(int exc) {
        return handlers.computeIfAbsent(exc, e -> tracer.track("MCU", Exceptions.name(e)
                + (names.containsKey(e) ? " (" + names.get(e) + ")" : "")));
    }

    @Override
    public void exceptionEntry(int exc, long now) {
        handler(exc);
        entered[exc] = now;
    }

    @Override
    public void exceptionExit(int exc, long now) {
        if (entered[exc] >= 0) {
            tracer.complete(handler(exc), names.getOrDefault(exc, Exceptions.name(exc)), entered[exc], now);
            entered[exc] = -1;
        }
    }

    @Override
    public void powerState(PowerState state, long now) {
        if (state != PowerState.RUN) {
            sleepSince = now;
            sleepState = state;
        } else if (sleepSince >= 0) {
            tracer.complete(power, sleepState == PowerState.STOP ? "stop" : "sleep", sleepSince, now);
            sleepSince = -1;
        }
    }

    @Override
    public void reset(ResetCause cause, long now) {
        closeAll(now);
        tracer.instant(reset, "reset: " + cause.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '), now);
    }

    @Override
    public void hardFault(Throwable thrown, int exc, long now) {
        tracer.instant(reset, "HardFault: " + thrown.getClass().getSimpleName(), now);
    }

    /** Closes slices a reset or the end of the run cut short. */
    void closeAll(long now) {
        for (int e = 0; e < entered.length; e++) {
            if (entered[e] >= 0) {
                tracer.complete(handler(e), names.getOrDefault(e, Exceptions.name(e)) + " (cut short)", entered[e],
                        now);
                entered[e] = -1;
            }
        }
        powerState(PowerState.RUN, now);
    }

    @Override
    public void transfer(int bus, int address, boolean read, int bytes, I2cStatus status, long start, long end) {
        tracer.complete(buses.get(bus), (read ? "read 0x" : "write 0x") + Integer.toHexString(address)
                + (status == I2cStatus.OK ? "" : " " + status), start, end, "bytes", bytes);
    }

    @Override
    public void busClear(int bus, int clocks, boolean released, long start, long end) {
        tracer.complete(buses.get(bus), released ? "bus clear (" + clocks + " clocks)" : "bus clear failed", start,
                end, "clocks", clocks);
    }

    @Override
    public void sdaStuck(int bus, boolean stuck, long now) {
        tracer.instant(buses.get(bus), stuck ? "SDA stuck low" : "SDA released", now);
    }

    @Override
    public void refreshed(Kind kind, int counter, long now) {
        tracer.counter(watchdogs, kind == Kind.WINDOW ? "WWDG counter at refresh" : "IWDG counter at refresh", now,
                counter);
    }

    @Override
    public void expired(Kind kind, String why, long now) {
        tracer.instant(watchdogs, (kind == Kind.WINDOW ? "WWDG reset: " : "IWDG reset: ") + why, now);
    }

    @Override
    public void pin(int pin, boolean level, boolean changed, long now) {
        if (changed && pin == Gpio.ACTUATOR) {
            tracer.counter(outputs, "actuator", now, level ? 1 : 0);
        } else if (changed && pin == Gpio.FAULT_LAMP) {
            tracer.counter(outputs, "fault lamp", now, level ? 1 : 0);
        }
    }

    @Override
    public void report(int code, int channel, long now) {
        Dtc d = Dtc.of(code);
        tracer.instant(diagnostics, (d == null ? "code 0x" + Integer.toHexString(code) : d.name())
                + (channel >= 0 ? " ch" + channel : ""), now, "channel", channel);
    }

    void fault(FaultRecord f) {
        tracer.instant(faults, f.describe(), f.injectedAt());
    }

    @Override
    public void completed(String task, long release, long end, long bound, long deadline) {
        long id = ++asyncId;
        tracer.asyncBegin(responses, task, id, release, "bound_ns", bound, "deadline_ns", deadline);
        tracer.asyncEnd(responses, task, id, end);
    }
}
