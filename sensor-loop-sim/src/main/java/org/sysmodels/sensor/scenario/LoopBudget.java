package org.sysmodels.sensor.scenario;

import java.util.List;
import org.sysmodels.sensor.host.driver.Bme280Driver;
import org.sysmodels.sensor.host.reference.SafetyFunction;
import org.sysmodels.sensor.model.core.Core;
import org.sysmodels.sensor.model.i2c.I2cSpeed;

/**
 * What one period of the reference bare-metal loop needs from the board: core cycles for its computation and time on
 * the I2C wire for its sensor reads. The worst period is counted, the one with the self-test (every 20 cycles).
 *
 * @param cycles  SysTick entry and exit (ARM KA 103489845: 12 + 10), the clock cross-check, one compensated burst per
 *                channel, monitoring, vote and output, the parameter CRC
 * @param wireNs  the 8-byte data burst from 0xF7 (S, address+W, register, Sr, address+R, 8 bytes, P: 11 bytes of 9
 *                clocks with UM10204 Table 10's start, repeated-start and stop times) once per channel, one after the
 *                other since one core reads them
 */
record LoopBudget(long cycles, long wireNs, int channels) {

    /** The demand of reading one channel on each of {@code busOfChannel}'s speeds. */
    static LoopBudget of(List<I2cSpeed> busOfChannel) {
        long wire = 0;
        for (I2cSpeed s : busOfChannel) {
            wire += burstNs(s);
        }
        int n = busOfChannel.size();
        long cycles = Core.ENTRY_CYCLES + Core.EXIT_CYCLES + SafetyFunction.CLOCK_CHECK_WORK
                + (long) n * Bme280Driver.COMPENSATE_CYCLES + SafetyFunction.CYCLE_WORK + SafetyFunction.SELF_TEST_WORK;
        return new LoopBudget(cycles, wire, n);
    }

    /** One read of the BME280's data burst: 251.2 µs in fast mode, 1011.4 µs in standard mode. */
    static long burstNs(I2cSpeed s) {
        return s.startNs() + 11 * 9 * s.bitNs() + s.repeatedStartNs() + s.stopNs();
    }

    /** The slowest core clock at which computation and reads fit one period of {@code periodNs}; MAX_VALUE if none. */
    long minCoreHz(long periodNs) {
        long left = periodNs - wireNs;
        return left <= 0 ? Long.MAX_VALUE : Math.ceilDiv(cycles * 1_000_000_000L, left);
    }

    /** The shortest period that fits at {@code coreHz}. */
    long minPeriodNs(long coreHz) {
        return wireNs + Math.ceilDiv(cycles * 1_000_000_000L, coreHz);
    }

    /** "1902 core cycles (...) besides 502.400 us on the I2C wire". */
    String describe() {
        return cycles + " core cycles (SysTick entry and exit " + (Core.ENTRY_CYCLES + Core.EXIT_CYCLES)
                + ", clock cross-check " + SafetyFunction.CLOCK_CHECK_WORK + ", " + channels + " × "
                + Bme280Driver.COMPENSATE_CYCLES + " to compensate a burst, " + SafetyFunction.CYCLE_WORK
                + " to check, vote and drive the output, " + SafetyFunction.SELF_TEST_WORK + " for the self-test) "
                + "besides " + org.sysmodels.core.time.SimTime.format(wireNs) + " on the I2C wire (" + channels
                + " data burst" + (channels == 1 ? "" : "s") + " of 8 bytes, UM10204 Table 10 timings)";
    }
}
