package org.sysmodels.sensor.host.reference;

import java.util.function.Supplier;
import org.sysmodels.sensor.host.driver.Bme280Driver;
import org.sysmodels.sensor.host.safety.BusAccess;
import org.sysmodels.sensor.host.safety.ChannelMonitor;
import org.sysmodels.sensor.host.safety.ChannelVerdict;
import org.sysmodels.sensor.host.safety.ClockMonitor;
import org.sysmodels.sensor.host.safety.Diagnostics;
import org.sysmodels.sensor.host.safety.Dtc;
import org.sysmodels.sensor.host.safety.SafetyParameters;
import org.sysmodels.sensor.host.safety.Vote;
import org.sysmodels.sensor.host.safety.Voter;
import org.sysmodels.sensor.model.Mcu;
import org.sysmodels.sensor.model.bme280.Compensation;
import org.sysmodels.sensor.model.bme280.MeasurementTime;
import org.sysmodels.sensor.model.i2c.I2cStatus;
import org.sysmodels.sensor.model.io.Gpio;
import org.sysmodels.sensor.model.io.ParameterFlash;

/**
 * The over-temperature trip, independent of how the firmware schedules it: sensor channels with their drivers and
 * plausibility monitors, the voter, the bus access policy, the self-tests and the latched safe state. The bare-metal
 * loop ({@link SafetyFirmware}) and the RTIC application ({@link RticSafetyFirmware}) both run it.
 */
public final class SafetyFunction {

    /** Cycles of monitoring, voting and output per cycle (an estimate). */
    public static final int CYCLE_WORK = 300;
    /** Cycles of one self-test (CRC over the parameter block, clock sample). */
    public static final int SELF_TEST_WORK = 700;
    /** Cycles of one clock cross-check (read LPTIM, one division, one comparison). */
    public static final int CLOCK_CHECK_WORK = 40;
    /** The sensors' oversampling: temperature ×1, pressure ×1, humidity skipped (see {@link #initChannel}). */
    static final int OVERSAMPLING_T = 1;
    static final int OVERSAMPLING_P = 1;
    static final int OVERSAMPLING_H = 0;
    /** config t_sb = 000: 0.5 ms of standby between normal-mode measurements (BST-BME280-DS002 Table 27). */
    static final int STANDBY_CODE = 0;

    private final Mcu mcu;
    private final SafetyParameters params;
    private final Diagnostics diag;
    private final Bme280Driver[] drivers;
    private final ChannelMonitor[] monitors;
    private final Voter voter;
    private final BusAccess bus;
    private final ClockMonitor clock;
    private final Vote vote = new Vote();
    private final int[] values;
    private final boolean[] valid;
    private final byte[] scratch = new byte[SafetyParameters.SIZE];
    /** {@link ParameterFlash#writes()} when the CRC last passed (−1: never): see {@link #selfTest()}. */
    private long intactAt = -1;
    private boolean safe;

    public SafetyFunction(Mcu mcu, SafetyParameters params, Diagnostics diag, Supplier<ChannelMonitor> monitor,
                          Voter voter, BusAccess bus) {
        this.mcu = mcu;
        this.params = params;
        this.diag = diag;
        this.voter = voter;
        this.bus = bus;
        int n = params.channels();
        drivers = new Bme280Driver[n];
        monitors = new ChannelMonitor[n];
        values = new int[n];
        valid = new boolean[n];
        clock = new ClockMonitor(params.clockPermille());
        Compensation comp = params.compensation() == 1 ? Compensation.BOSCH_API : Compensation.DATASHEET;
        for (int i = 0; i < n; i++) {
            bus.configure(mcu.i2c(params.busOf()[i]), params);
            drivers[i] = new Bme280Driver(mcu.i2c(params.busOf()[i]), mcu.core(), params.addressOf()[i], comp);
            monitors[i] = monitor.get();
        }
    }

    /**
     * Initialises channel {@code i}: identify, reset, calibrate, start normal mode (T ×1, P ×1, H skipped, t_sb
     * 0.5 ms, filter off), clearing a hung bus first if need be. A channel that fails is out of the vote from the
     * start.
     *
     * <p>Why this configuration: the function needs temperature only, and the diagnostics need fresh samples often.
     * A measurement takes 1 + 2·T + (2·P + 0.5) + (2·H + 0.5) ms typical (BST-BME280-DS001 §9.1), so T×1 P×1 with
     * humidity skipped gives a sample every 6 ms (5.5 ms + t_sb) where T×2 P×1 H×1 gave one every 10.5 ms: about 16
     * samples in a 100 ms FTTI instead of 9, which the noise check needs. Pressure stays on because its noise moves
     * the raw data's low bits: the frozen-data check relies on that.
     */
    public boolean initChannel(int i) {
        I2cStatus s = drivers[i].init(OVERSAMPLING_T, OVERSAMPLING_P, OVERSAMPLING_H, STANDBY_CODE, 0);
        if (s != I2cStatus.OK && drivers[i].i2c().bus().sdaLow()) {
            diag.report(Dtc.I2C_BUS_HANG, i);
            if (drivers[i].i2c().busClear() >= 0) {
                diag.report(Dtc.I2C_BUS_RECOVERED, i);
                s = drivers[i].init(OVERSAMPLING_T, OVERSAMPLING_P, OVERSAMPLING_H, STANDBY_CODE, 0);
            }
        }
        valid[i] = s == I2cStatus.OK;
        if (!valid[i]) {
            monitors[i].failInit();
            diag.report(Dtc.SENSOR_ID, i);
        }
        return valid[i];
    }

    /** The sensors' typical measurement time in this configuration: 5.5 ms (BST-BME280-DS002 §9.1). */
    public static long measurementNs() {
        return MeasurementTime.typicalNs(OVERSAMPLING_T, OVERSAMPLING_P, OVERSAMPLING_H);
    }

    /**
     * How often each sensor delivers a new measurement: normal mode's cycle time t_measure + t_standby, 6 ms
     * (BST-BME280-DS002 §3.3.4, Figure 5; §9.3). The data registers hold each result until the next one.
     */
    public static long sampleIntervalNs() {
        return measurementNs() + MeasurementTime.standbyNs(STANDBY_CODE);
    }

    public int channels() {
        return drivers.length;
    }

    /** Reads and checks every channel still in the vote. */
    public void readChannels() {
        for (int i = 0; i < drivers.length; i++) {
            if (!valid[i]) {
                continue;
            }
            Bme280Driver d = drivers[i];
            I2cStatus s = bus.read(d, i, diag);
            ChannelVerdict verdict = s == I2cStatus.OK && d.fresh()
                    ? monitors[i].check(mcu.now(), d.temperature(), d.raw())
                    : monitors[i].missed(mcu.now());
            switch (verdict) {
                case NEW -> {
                    diag.clear(Dtc.SENSOR_RATE, i);
                    diag.clear(Dtc.SENSOR_RANGE, i);
                }
                case SAME -> { }
                case DISCARDED -> diag.report(monitors[i].finding(), i);
                case FAILED -> {
                    diag.report(monitors[i].finding(), i);
                    valid[i] = false;
                }
            }
            values[i] = monitors[i].value();
        }
    }

    /** Votes; excludes an outvoted channel; goes safe when the vote cannot be trusted. @return the vote */
    public Vote vote() {
        voter.vote(mcu.now(), values, valid, vote);
        if (vote.excluded >= 0) {
            valid[vote.excluded] = false;
            diag.report(vote.reason, vote.excluded);
        }
        if (vote.fault) {
            diag.report(vote.reason, -1);
            enterSafeState();
        }
        return vote;
    }

    /** Drives the actuator: energised only when not safe and no trip is demanded. */
    public void output() {
        mcu.core().work(CYCLE_WORK);      // the cycle's computation ends here: the output follows it
        mcu.gpio().write(Gpio.ACTUATOR, !safe && !vote.trip);
    }

    /**
     * The parameter CRC. The MCU computes it every time (its cycles are charged every time); the simulator reuses a
     * pass while the page has not been written since, as the CRC of unchanged bytes cannot change.
     */
    public void selfTest() {
        ParameterFlash flash = mcu.flash();
        long writes = flash.writes();
        if (writes != intactAt) {
            if (SafetyParameters.intact(flash, scratch)) {
                intactAt = writes;
            } else {
                diag.report(Dtc.PARAM_CRC, -1);
                enterSafeState();
            }
        }
        mcu.core().charge(SELF_TEST_WORK);
    }

    /**
     * The clock cross-check, every cycle ({@code ticks}: the firmware's count of loop periods, in ms): a wrong core
     * clock stretches or shrinks the very cycles that would count out a slower check's interval, so a check every N
     * cycles comes N/factor ms late on a slow clock; sampling every cycle over a sliding window does not.
     */
    public void clockCheck(long ticks) {
        if (!clock.sample(mcu.lptim().count(), ticks)) {
            diag.report(Dtc.CLOCK, -1);
            enterSafeState();
        }
        mcu.core().charge(CLOCK_CHECK_WORK);
    }

    /** De-energises the actuator until reset and lights the fault lamp. */
    public void enterSafeState() {
        if (!safe) {
            safe = true;
            mcu.gpio().write(Gpio.ACTUATOR, false);
            mcu.gpio().write(Gpio.FAULT_LAMP, true);
            diag.report(Dtc.SAFE_STATE, -1);
        }
    }

    public boolean safe() {
        return safe;
    }

    /** The value the last vote decided on (0.01 °C). */
    public int votedCentiC() {
        return vote.valueCentiC;
    }

    /** The last good temperature of channel {@code i} (0.01 °C). */
    public int value(int i) {
        return values[i];
    }

    public boolean valid(int i) {
        return valid[i];
    }
}
