package org.sysmodels.sensor.host;

import org.sysmodels.sensor.host.driver.Bme280Driver;
import org.sysmodels.sensor.host.safety.BusAccess;
import org.sysmodels.sensor.host.safety.ChannelMonitor;
import org.sysmodels.sensor.host.safety.ClockMonitor;
import org.sysmodels.sensor.host.safety.Diagnostics;
import org.sysmodels.sensor.host.safety.Dtc;
import org.sysmodels.sensor.host.safety.FlowMonitor;
import org.sysmodels.sensor.host.safety.SafetyParameters;
import org.sysmodels.sensor.host.safety.Vote;
import org.sysmodels.sensor.host.safety.Voter;
import org.sysmodels.sensor.host.safety.WatchdogSetup;
import org.sysmodels.sensor.model.Mcu;
import org.sysmodels.sensor.model.bme280.Compensation;
import org.sysmodels.sensor.model.core.Core;
import org.sysmodels.sensor.model.core.ResetCause;
import org.sysmodels.sensor.model.i2c.I2cStatus;
import org.sysmodels.sensor.model.io.Gpio;
import org.sysmodels.sensor.model.wdg.Iwdg;

/**
 * The reference safety function, bare-metal style: an over-temperature trip that de-energises the actuator when the
 * voted temperature exceeds the stored limit, and whenever its diagnostics find a fault it cannot tolerate.
 *
 * <pre>
 * main:  actuator off · report a watchdog reset · load parameters (CRC) · start the IWDG · init sensors
 *        · start the LSI timer, SysTick (the loop period) and the WWDG · loop { sleep until tick; cycle }
 * cycle: refresh the WWDG only if the last cycle passed all its checkpoints · read each channel (timeout, bus
 *        clear, retry) · plausibility (range, rate, frozen, stale) · vote (1oo1, 1oo2, 2oo3 with comparison) ·
 *        drive the actuator · every N cycles: parameter CRC and clock cross-check
 * </pre>
 *
 * <p>The safe state (actuator de-energised, fault lamp on) is latched until reset; the loop keeps running so the
 * watchdogs stay quiet and the diagnostics keep reporting. Bug labs subclass this and override one of the component
 * factories or kick methods.
 */
public class SafetyFirmware implements Firmware {

    /** Cycles of the loop's own bookkeeping, monitoring, voting and output (an estimate). */
    public static final int CYCLE_WORK = 300;
    /** Cycles of one self-test (CRC over the parameter block, clock sample). */
    public static final int SELF_TEST_WORK = 700;

    protected Mcu mcu;
    protected Core core;
    protected SafetyParameters params;
    protected Diagnostics diag;
    protected Bme280Driver[] drivers;
    protected ChannelMonitor[] monitors;
    protected Voter voter;
    protected BusAccess bus;
    protected final FlowMonitor flow = new FlowMonitor();
    protected ClockMonitor clock;
    protected final Vote vote = new Vote();
    protected int[] values;
    protected boolean[] valid;
    protected boolean safe;
    private final byte[] scratch = new byte[SafetyParameters.SIZE];
    private WatchdogSetup.Window window;
    private volatile boolean tick;
    private volatile long ticks;
    private long cycleTicks;
    private long cycles;
    private boolean running;

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
            enterSafeState(Dtc.PARAM_CRC);
            idleSafely();
        }
        initChannels();
        clock = new ClockMonitor(params.clockPermille());
        m.lptim().start();
        long periodNs = params.periodUs() * 1000L;
        m.sysTick().configure(core.clock().nominalHz() * params.periodUs() / 1_000_000);
        window = WatchdogSetup.window(core.clock().nominalHz(), periodNs);
        m.wwdg().writeCfr(window.window(), window.timerBase(), false);
        m.wwdg().writeCr(0x80 | window.counter());
        running = true;
        while (true) {
            waitForTick();
            cycle();
        }
    }

    @Override
    public void sysTick(Mcu m) {
        ticks++;
        tick = true;
    }

    @Override
    public void hardFault(Mcu m) {
        m.gpio().write(Gpio.ACTUATOR, false);
        m.gpio().write(Gpio.FAULT_LAMP, true);
    }

    /** Sleeps until the SysTick handler has set the tick flag: PRIMASK closes the race between test and WFI. */
    protected void waitForTick() {
        core.disableInterrupts();
        while (!tick) {
            core.wfi();                 // wakes on the pending SysTick even with PRIMASK set
            core.enableInterrupts();    // the handler runs here
            core.disableInterrupts();
        }
        tick = false;
        core.enableInterrupts();
    }

    /** One control cycle. */
    protected void cycle() {
        long now = mcu.now();
        if (cycles > 0 && ticks - cycleTicks > 1) {
            diag.report(Dtc.DEADLINE, -1);
            enterSafeState(Dtc.DEADLINE);
        }
        if (cycles == 0 || flow.complete()) {
            kickWindowWatchdog();
        } else {
            diag.report(Dtc.PROGRAM_FLOW, -1);
            enterSafeState(Dtc.PROGRAM_FLOW);
        }
        kickIndependentWatchdog();
        cycleTicks = ticks;
        cycles++;
        flow.begin();
        readChannels(now);
        flow.checkpoint(FlowMonitor.READ);
        flow.checkpoint(FlowMonitor.CHECK);
        voter.vote(now, values, valid, vote);
        if (vote.excluded >= 0) {
            valid[vote.excluded] = false;
            diag.report(vote.reason, vote.excluded);
        }
        if (vote.fault) {
            diag.report(vote.reason, -1);
            enterSafeState(vote.reason);
        }
        flow.checkpoint(FlowMonitor.VOTE);
        mcu.gpio().write(Gpio.ACTUATOR, !safe && !vote.trip);
        flow.checkpoint(FlowMonitor.OUTPUT);
        if (cycles % params.selfTestCycles() == 0) {
            selfTest();
        }
        core.work(CYCLE_WORK);
    }

    /** Reads and checks every channel that is still in the vote. */
    protected void readChannels(long now) {
        for (int i = 0; i < drivers.length; i++) {
            if (!valid[i]) {
                continue;
            }
            Bme280Driver d = drivers[i];
            I2cStatus s = bus.read(d, i, diag);
            int verdict = s == I2cStatus.OK && d.fresh() ? monitors[i].check(mcu.now(), d.temperature(), d.raw())
                    : monitors[i].missed(mcu.now());
            if (verdict == ChannelMonitor.DISCARDED) {
                diag.report(monitors[i].finding(), i);
            } else if (verdict == ChannelMonitor.FAILED) {
                diag.report(monitors[i].finding(), i);
                valid[i] = false;
            } else if (verdict == ChannelMonitor.NEW) {
                diag.clear(Dtc.SENSOR_RATE, i);
                diag.clear(Dtc.SENSOR_RANGE, i);
            }
            values[i] = monitors[i].value();
        }
    }

    /** Periodic self-tests: the parameter block's CRC and the clock cross-check. */
    protected void selfTest() {
        if (!SafetyParameters.intact(mcu.flash(), scratch)) {
            diag.report(Dtc.PARAM_CRC, -1);
            enterSafeState(Dtc.PARAM_CRC);
        }
        if (!clock.sample(mcu.lptim().count(), ticks)) {
            diag.report(Dtc.CLOCK, -1);
            enterSafeState(Dtc.CLOCK);
        }
        core.work(SELF_TEST_WORK);
    }

    /** De-energises the actuator for good (until reset) and lights the fault lamp. */
    protected void enterSafeState(Dtc why) {
        if (!safe) {
            safe = true;
            mcu.gpio().write(Gpio.ACTUATOR, false);
            mcu.gpio().write(Gpio.FAULT_LAMP, true);
            diag.report(Dtc.SAFE_STATE, -1);
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

    protected void initChannels() {
        int n = params.channels();
        drivers = new Bme280Driver[n];
        monitors = new ChannelMonitor[n];
        values = new int[n];
        valid = new boolean[n];
        bus = busAccess();
        voter = voter();
        Compensation comp = params.compensation() == 1 ? Compensation.BOSCH_API : Compensation.DATASHEET;
        for (int i = 0; i < n; i++) {
            bus.configure(mcu.i2c(params.busOf()[i]), params);
        }
        for (int i = 0; i < n; i++) {
            drivers[i] = new Bme280Driver(mcu.i2c(params.busOf()[i]), core, params.addressOf()[i], comp);
            monitors[i] = monitor();
            kickIndependentWatchdog();
            I2cStatus s = drivers[i].init(2, 1, 1, 0, 0);
            if (s != I2cStatus.OK && mcu.i2c(params.busOf()[i]).bus().sdaLow()) {
                diag.report(Dtc.I2C_BUS_HANG, i);
                if (drivers[i].i2c().busClear() >= 0) {
                    diag.report(Dtc.I2C_BUS_RECOVERED, i);
                    s = drivers[i].init(2, 1, 1, 0, 0);
                }
            }
            valid[i] = s == I2cStatus.OK;
            if (!valid[i]) {
                monitors[i].failInit();
                diag.report(Dtc.SENSOR_ID, i);
            }
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

    /** True once the control loop runs (after initialisation). */
    public boolean running() {
        return running;
    }

    public long cycles() {
        return cycles;
    }
}
