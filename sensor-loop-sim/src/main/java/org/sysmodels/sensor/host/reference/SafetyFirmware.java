package org.sysmodels.sensor.host.reference;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.sysmodels.sensor.host.Firmware;
import org.sysmodels.sensor.host.safety.BusAccess;
import org.sysmodels.sensor.host.safety.ChannelMonitor;
import org.sysmodels.sensor.host.safety.Diagnostics;
import org.sysmodels.sensor.host.safety.Dtc;
import org.sysmodels.sensor.host.safety.FlowMonitor;
import org.sysmodels.sensor.host.safety.SafetyParameters;
import org.sysmodels.sensor.host.safety.Voter;
import org.sysmodels.sensor.host.safety.WatchdogSetup;
import org.sysmodels.sensor.model.Mcu;
import org.sysmodels.sensor.model.core.Core;
import org.sysmodels.sensor.model.core.ResetCause;
import org.sysmodels.sensor.model.io.Gpio;
import org.sysmodels.sensor.model.wdg.Iwdg;

/**
 * The reference safety function in bare-metal style: a main loop woken by SysTick, in the shape of
 * {@code #[entry] fn main() -> ! { ...; loop { wfi(); ... } }}.
 *
 * <pre>
 * main:  actuator off · report a watchdog reset · start the IWDG · load parameters (CRC) · init the sensors
 *        · start the LSI timer, SysTick (the loop period) and the WWDG · loop { sleep until tick; cycle }
 * cycle: refresh the WWDG only if the previous cycle passed all its checkpoints, in order · clock cross-check
 *        (LSI against the tick count, sliding window) · read each channel
 *        (timeout, bus clear, retry) · plausibility (range, rate, frozen, stale) · vote · drive the actuator
 *        · every N cycles: parameter CRC
 * </pre>
 *
 * <p>The watchdogs are refreshed from the main loop, never from an interrupt: a loop that hangs while SysTick keeps
 * ticking must stop refreshing them. Bug labs subclass this and override a component factory or a kick.
 */
public class SafetyFirmware implements Firmware {

    /**
     * {@code tick} and {@code ticks} are what C declares {@code volatile} and Rust an atomic with
     * {@code Ordering::Relaxed}: every access really happens, in program order, because an interrupt handler
     * changes them between two instructions of main. Opaque mode is exactly that guarantee (handler and main run on
     * one core, here one Java thread), without the fence a Java {@code volatile} write costs.
     */
    private static final VarHandle TICK;
    private static final VarHandle TICKS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            TICK = l.findVarHandle(SafetyFirmware.class, "tick", boolean.class);
            TICKS = l.findVarHandle(SafetyFirmware.class, "ticks", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    protected Mcu mcu;
    protected Core core;
    protected SafetyParameters params;
    protected Diagnostics diag;
    protected SafetyFunction function;
    protected final FlowMonitor flow = new FlowMonitor();
    private WatchdogSetup.Window window;
    /** Set by the SysTick handler, cleared by main: shared between handler and thread mode (see {@link #TICK}). */
    private boolean tick;
    /** Counted by the SysTick handler, read by main. */
    private long ticks;
    private long cycleTicks;
    private long cycles;

    @Override
    public void main(Mcu m) {
        this.mcu = m;
        this.core = m.core();
        m.gpio().write(Gpio.ACTUATOR, false);
        diag = new Diagnostics(m.diagnostics());
        int flags = core.resetFlags();
        core.clearResetFlags();
        if ((flags & (ResetCause.INDEPENDENT_WATCHDOG.flag() | ResetCause.WINDOW_WATCHDOG.flag())) != 0) {
            diag.report(Dtc.WATCHDOG_RESET, -1);
        }
        startIndependentWatchdog();
        params = SafetyParameters.load(m.flash());
        if (params == null) {
            diag.report(Dtc.PARAM_CRC, -1);
            m.gpio().write(Gpio.FAULT_LAMP, true);
            idleSafely();
        }
        function = new SafetyFunction(m, params, diag, this::monitor, voter(), busAccess());
        for (int i = 0; i < function.channels(); i++) {
            kickIndependentWatchdog();
            function.initChannel(i);
        }
        m.lptim().start();
        m.sysTick().configure(core.clock().nominalHz() * params.periodUs() / 1_000_000);
        window = WatchdogSetup.window(core.clock().nominalHz(), params.periodUs() * 1000L);
        m.wwdg().writeCfr(window.window(), window.timerBase(), false);
        m.wwdg().writeCr(0x80 | window.counter());
        while (true) {
            waitForTick();
            cycle();
        }
    }

    @Override
    public void sysTick(Mcu m) {
        TICKS.setOpaque(this, (long) TICKS.getOpaque(this) + 1);
        TICK.setOpaque(this, true);
    }

    @Override
    public void hardFault(Mcu m) {
        m.gpio().write(Gpio.ACTUATOR, false);
        m.gpio().write(Gpio.FAULT_LAMP, true);
    }

    /** Sleeps until the SysTick handler has set the tick flag: PRIMASK closes the race between test and WFI. */
    protected void waitForTick() {
        core.disableInterrupts();
        while (!(boolean) TICK.getOpaque(this)) {
            core.wfi();                 // wakes on the pending SysTick even with PRIMASK set
            core.enableInterrupts();    // the handler runs here
            core.disableInterrupts();
        }
        TICK.setOpaque(this, false);
        core.enableInterrupts();
    }

    /** One control cycle. */
    protected void cycle() {
        if (cycles == 0 || flow.complete()) {
            kickWindowWatchdog();
        } else {
            diag.report(Dtc.PROGRAM_FLOW, -1);
            function.enterSafeState();
        }
        kickIndependentWatchdog();
        cycleTicks = (long) TICKS.getOpaque(this);
        cycles++;
        flow.begin();
        function.clockCheck(cycleTicks);      // first: the LSI is read at a fixed offset from the tick
        function.readChannels();
        flow.checkpoint(FlowMonitor.READ);
        flow.checkpoint(FlowMonitor.CHECK);
        function.vote();
        flow.checkpoint(FlowMonitor.VOTE);
        function.output();
        flow.checkpoint(FlowMonitor.OUTPUT);
        if (cycles % params.selfTestCycles() == 0) {
            function.selfTest();
        }
        if ((long) TICKS.getOpaque(this) != cycleTicks) {
            diag.report(Dtc.DEADLINE, -1);    // the next tick came before this cycle finished: it overran
            function.enterSafeState();
        }
    }

    /** With no usable parameters: stay safe, keep the independent watchdog quiet, sleep. */
    private void idleSafely() {
        mcu.sysTick().configure(core.clock().nominalHz() / 1000);
        while (true) {
            waitForTick();
            kickIndependentWatchdog();
        }
    }

    // ---- the components and the kicks a bug lab may replace ----

    protected ChannelMonitor monitor() {
        return new ChannelMonitor(params, mcu.now());
    }

    protected Voter voter() {
        return Voter.of(params);
    }

    protected BusAccess busAccess() {
        return new BusAccess();
    }

    protected void startIndependentWatchdog() {
        int[] prRl = WatchdogSetup.independent(mcu.config().lsi(), 20_000_000L);
        Iwdg w = mcu.iwdg();
        w.writeKr(Iwdg.KEY_UNLOCK);
        w.writePr(prRl[0]);
        w.writeRlr(prRl[1]);
        w.writeKr(Iwdg.KEY_START);
    }

    protected void kickWindowWatchdog() {
        mcu.wwdg().writeCr(window.counter());
    }

    protected void kickIndependentWatchdog() {
        mcu.iwdg().writeKr(Iwdg.KEY_RELOAD);
    }

    /** Control cycles run since boot. */
    public long cycles() {
        return cycles;
    }

    /** The safety function, once initialised. */
    public SafetyFunction function() {
        return function;
    }
}
