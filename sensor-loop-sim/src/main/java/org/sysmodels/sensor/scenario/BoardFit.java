package org.sysmodels.sensor.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sysmodels.core.scenario.InvalidFieldException;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.sensor.host.reference.RticSafetyFirmware;
import org.sysmodels.sensor.host.safety.WatchdogSetup;
import org.sysmodels.sensor.model.McuConfig;
import org.sysmodels.sensor.model.bme280.Bme280;
import org.sysmodels.sensor.model.core.Lsi;
import org.sysmodels.sensor.model.i2c.I2cSpeed;
import org.sysmodels.sensor.model.wdg.Iwdg;

/**
 * Refuses a board the reference firmware cannot run on, at the field that makes it so: a core clock too slow for
 * the loop's cycles, I2C too slow for its reads, a loop period the watchdogs or SysTick cannot time. Such a board
 * does not teach a deadline miss; it resets every few milliseconds from boot on. A clock that fails during a run
 * ({@code clock-fault}, {@code clock-drift}) and a loop that overruns ({@code task-overrun}) are the deadline-miss
 * lessons, and stay faults to inject.
 *
 * <ul>
 *   <li>SysTick: the period in core cycles fits its 24-bit reload (ARMv7-M ARM B3.3);
 *   <li>the loop's computation and reads fit one period ({@link LoopBudget});
 *   <li>the window watchdog (RM0090 §22), counting 4096·2^WDGTB core cycles per step: its window, at least one
 *       step long ({@link WatchdogSetup#window}), opens within a period, and four periods fit its 63 steps;
 *   <li>the independent watchdog, set to 20 ms at the nominal LSI but running on the part's actual one (RM0090 §21):
 *       one sensor's initialisation (the BME280's 2 ms start-up, DS §5.4.4, and its register transfers) and one
 *       period fit its timeout, since the firmware refreshes it before each channel's start-up and then once per
 *       period.
 * </ul>
 * The RTIC reference refreshes the window watchdog from its 2 ms sample task, so only the window watchdog's first
 * limit applies to it, with four fifths of that period (the task's refreshes jitter).
 */
final class BoardFit {

    /** SysTick's RVR is 24 bits: a period of at most 2^24 core cycles (ARMv7-M ARM B3.3). */
    static final long SYSTICK_MAX_CYCLES = 1L << 24;
    /** The window watchdog's steps: 4096 PCLK cycles at WDGTB 0, 4096·8 at WDGTB 3; 63 steps before T6 clears. */
    static final long WWDG_STEP_CYCLES = 4096;
    static final long WWDG_MAX_COUNTS_CYCLES = 63L * 4096 * 8;
    static final long IWDG_TIMEOUT_NS = 20_000_000L;
    private static final long NS = 1_000_000_000L;

    private BoardFit() {
    }

    /**
     * Checks the scenario's board; values outside their own {@code @Range} are left to the loader, which reports
     * them as such.
     */
    static void check(String firmware, McuSpec m, List<SensorSpecJson> sensors, SafetySpec safety) {
        long hz = m.coreHz() == null ? McuConfig.DEFAULT.coreHz() : m.coreHz();
        long period = safety.periodNs();
        double lsi = m.lsiHz() == null ? Lsi.NOMINAL_HZ : m.lsiHz();
        double lsiActual = m.lsiActualHz() == null ? lsi : m.lsiActualHz();
        if (hz < 1_000_000 || hz > 480_000_000 || period < 100_000 || period > 100_000_000 || lsi < 1_000
                || lsi > 100_000 || lsiActual < 1_000 || lsiActual > 100_000) {
            return;
        }
        List<I2cSpeed> ofChannel = busOfChannel(m, sensors);
        if (ofChannel == null) {
            return;    // RunSetup names a bus the MCU does not have
        }
        if (firmware.equals("rtic")) {
            rtic(m, hz, lsi, lsiActual, ofChannel);
        } else {
            bareMetal(m, hz, period, safety.period() != null, lsi, lsiActual, ofChannel);
        }
    }

    /** The speed of each sensor's bus; null when a sensor names a bus the MCU does not have. */
    static List<I2cSpeed> busOfChannel(McuSpec m, List<SensorSpecJson> sensors) {
        List<String> speeds = m.i2c() == null ? List.of("fast", "fast") : m.i2c();
        List<I2cSpeed> ofChannel = new ArrayList<>();
        for (SensorSpecJson s : sensors) {
            if (s.bus() == null || s.bus() < 1 || s.bus() > speeds.size()) {
                return null;
            }
            ofChannel.add(speeds.get(s.bus() - 1).equals("standard") ? I2cSpeed.STANDARD : I2cSpeed.FAST);
        }
        return ofChannel;
    }

    /** The RTIC reference: its sample task refreshes the window watchdog and reads the sensors. */
    private static void rtic(McuSpec m, long hz, double lsi, double lsiActual, List<I2cSpeed> ofChannel) {
        // the sample task's refreshes are not exactly a period apart (its release is blocked by selftest's
        // critical section, tasks tail-chain): measured, 2.4 MHz resets and 2.5 MHz runs clean, so the window
        // must open within four fifths of the period
        long sample = RticSafetyFirmware.SAMPLE_PERIOD_NS;
        long spacing = sample * 4 / 5;
        if (hz < wwdgMinHz(spacing) || !windowOpens(hz, spacing)) {
            throw new InvalidFieldException("mcu.coreHz", mhz(hz) + " is too slow for the RTIC reference, whose "
                    + "sample task refreshes the window watchdog every " + SimTime.format(sample) + ": allowed "
                    + mhz(wwdgMinHz(spacing)) + " to 480 MHz. T" + windowReason(spacing).substring(1)
                    + " (four fifths of the sample period: its refreshes jitter)");
        }
        rticSample(m, hz, LoopBudget.of(ofChannel), ofChannel);
        iwdg(m, sample, "the sample task's period", false, lsi, lsiActual, ofChannel);
    }

    /** The bare-metal reference: one loop per SysTick period. */
    private static void bareMetal(McuSpec m, long hz, long period, boolean periodGiven, double lsi, double lsiActual,
                                  List<I2cSpeed> ofChannel) {
        boolean clockGiven = m.coreHz() != null;
        LoopBudget budget = LoopBudget.of(ofChannel);
        if (budget.wireNs() >= period) {
            throw new InvalidFieldException(m.i2c() != null || !periodGiven ? "mcu.i2c" : "safety.period",
                    "the reference loop reads " + budget.channels() + " sensor" + (budget.channels() == 1 ? "" : "s")
                            + " every period, " + SimTime.format(budget.wireNs()) + " on the I2C wire ("
                            + I2cSpeed.FAST.hz() / 1000 + " kHz: " + SimTime.format(LoopBudget.burstNs(I2cSpeed.FAST))
                            + " per sensor, " + I2cSpeed.STANDARD.hz() / 1000 + " kHz: "
                            + SimTime.format(LoopBudget.burstNs(I2cSpeed.STANDARD)) + "), which does not fit its "
                            + SimTime.format(period) + " period (safety.period): "
                            + (ofChannel.contains(I2cSpeed.STANDARD) ? "use \"fast\" buses (mcu.i2c) or " : "")
                            + "a period of at least " + SimTime.format(budget.minPeriodNs(hz)));
        }
        long lo = Math.max(Math.max(budget.minCoreHz(period), wwdgMinHz(period)), 1_000_000);
        long hi = Math.min(Math.min(wwdgMaxHz(period), systickMaxHz(period)), 480_000_000);
        boolean fits = hz >= lo && hz <= hi && windowOpens(hz, period) && windowTimes(hz, period);
        if (!fits) {
            String why = "Each period the reference loop needs " + budget.describe() + "; " + windowReason(period)
                    + "; SysTick counts at most 2^24 core cycles per period (ARMv7-M ARM B3.3). A clock that slows "
                    + "during a run is a fault to inject (clock-fault), not a board to configure";
            if (clockGiven && lo <= hi) {
                throw new InvalidFieldException("mcu.coreHz", mhz(hz) + " cannot run the reference loop with its "
                        + SimTime.format(period) + " period (safety.period): allowed " + mhz(lo) + " to " + mhz(hi)
                        + ". " + why);
            }
            long pLo = Math.max(Math.max(budget.minPeriodNs(hz), Math.ceilDiv(WWDG_STEP_CYCLES * NS, hz)),
                    100_000);
            long pHi = Math.min(Math.min(WWDG_MAX_COUNTS_CYCLES * NS / 4 / hz, SYSTICK_MAX_CYCLES * NS / hz),
                    100_000_000);
            throw new InvalidFieldException(periodGiven ? "safety.period" : "mcu.coreHz", SimTime.format(period)
                    + " (safety.period) at a core clock of " + mhz(hz) + " (mcu.coreHz): "
                    + (pLo <= pHi ? "at this clock the period must be " + SimTime.format(pLo) + " to "
                    + SimTime.format(pHi) : "no period fits at this clock") + ". " + why);
        }
        iwdg(m, period, "safety.period", periodGiven, lsi, lsiActual, ofChannel);
    }

    /**
     * The RTIC reference's sample task reads every sensor and computes within the worst-case execution time its
     * response-time analysis assumes; a longer one breaks the analysis (and, at 100 kHz, the task's deadline).
     */
    private static void rticSample(McuSpec m, long hz, LoopBudget budget, List<I2cSpeed> ofChannel) {
        long wcet = RticSafetyFirmware.SAMPLE_WCET_NS;
        long minHz = budget.minCoreHz(wcet);
        if (hz >= minHz) {
            return;
        }
        String why = "the RTIC reference's sample task must read and check its sensors within the "
                + SimTime.format(wcet) + " worst-case execution time its response-time analysis assumes, and needs "
                + budget.describe();
        if (minHz == Long.MAX_VALUE || m.coreHz() == null) {
            throw new InvalidFieldException("mcu.i2c", (ofChannel.contains(I2cSpeed.STANDARD) ? "standard-mode "
                    + "(100 kHz) buses are too slow for the RTIC reference: use \"fast\"; " : "") + why);
        }
        throw new InvalidFieldException("mcu.coreHz", mhz(hz) + " is too slow for the RTIC reference: allowed "
                + mhz(Math.max(minHz, 1_000_000)) + " to 480 MHz; " + why);
    }

    private static void iwdg(McuSpec m, long period, String periodWhat, boolean periodGiven, double lsi,
                             double lsiActual, List<I2cSpeed> ofChannel) {
        int[] prRl = WatchdogSetup.independent(new Lsi(lsi, lsiActual), IWDG_TIMEOUT_NS);
        long timeout = Iwdg.timeoutNs(prRl[0], prRl[1], lsiActual);
        long init = 0;
        for (I2cSpeed s : ofChannel) {
            init = Math.max(init, initNs(s));
        }
        if (init + period >= timeout) {
            String field = periodGiven && init < timeout ? "safety.period"
                    : m.lsiActualHz() != null ? "mcu.lsiActualHz" : m.i2c() != null ? "mcu.i2c" : "safety.period";
            throw new InvalidFieldException(field, "the independent watchdog the reference sets to "
                    + SimTime.format(IWDG_TIMEOUT_NS) + " at the nominal LSI (" + hz(lsi) + ", mcu.lsiHz) times out "
                    + "after " + SimTime.format(timeout) + " on this part's " + hz(lsiActual) + " LSI "
                    + "(mcu.lsiActualHz, RM0090 §21); the firmware refreshes it before each sensor's start-up ("
                    + SimTime.format(init) + ": the BME280's 2 ms start-up and its register transfers) and once per "
                    + "period (" + SimTime.format(period) + ", " + periodWhat + "), so their sum must stay below "
                    + SimTime.format(timeout) + (timeout - init > 0 ? ": a period of at most "
                    + SimTime.format(timeout - init - 1) + " at this LSI"
                    : ", and the start-up alone does not fit: use \"fast\" buses (mcu.i2c) or a part whose LSI "
                    + "runs nearer its nominal frequency"));
        }
    }

    /**
     * One channel's initialisation by {@code Bme280Driver.init}: read id (1 byte), write reset, wait the 2 ms
     * start-up, read status, read calibration 0x88 (26 bytes) and 0xE1 (7 bytes), write ctrl_hum, config and
     * ctrl_meas.
     */
    static long initNs(I2cSpeed s) {
        long bit = s.bitNs();
        long read = s.startNs() + 3 * 9 * bit + s.repeatedStartNs() + s.stopNs();     // + 9 clocks per byte read
        long write = s.startNs() + 3 * 9 * bit + s.stopNs();
        return read + 9 * bit + write + Bme280.STARTUP_NS + read + 9 * bit + read + 26 * 9 * bit + read + 7 * 9 * bit
                + 3 * write;
    }

    private static String windowReason(long period) {
        return "the window watchdog steps every 4096 core cycles (WDGTB 0, RM0090 §22) and its window stays closed "
                + "for at least one step, so a step must not be longer than the " + SimTime.format(period)
                + " between refreshes, and a timeout of four periods must fit 63 steps of 4096·8 cycles";
    }

    /** The window, at least one step, opens before the next refresh one period later. */
    private static boolean windowOpens(long hz, long period) {
        try {
            WatchdogSetup.Window w = WatchdogSetup.window(hz, period);
            return (long) (w.counter() - w.window()) * w.tickNs() <= period;
        } catch (IllegalArgumentException e) {
            return true;    // the other limit
        }
    }

    private static boolean windowTimes(long hz, long period) {
        try {
            WatchdogSetup.window(hz, period);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static long wwdgMinHz(long period) {
        return Math.ceilDiv(WWDG_STEP_CYCLES * NS, period);
    }

    static long wwdgMaxHz(long period) {
        return WWDG_MAX_COUNTS_CYCLES * NS / (4 * period);
    }

    static long systickMaxHz(long period) {
        return SYSTICK_MAX_CYCLES * NS / period;
    }

    /** "4.096 MHz", "80 MHz", "4.095999 MHz": exact, so a refused clock never reads like its allowed bound. */
    static String mhz(long hz) {
        String s = String.format(Locale.ROOT, "%.6f", hz / 1e6).replaceAll("0+$", "").replaceAll("\\.$", "");
        return s + " MHz";
    }

    private static String hz(double hz) {
        return String.format(Locale.ROOT, "%.0f Hz", hz);
    }
}
