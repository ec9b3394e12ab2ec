package org.sysmodels.sensor.scenario;

import java.util.List;
import org.sysmodels.core.scenario.InvalidFieldException;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.sensor.host.reference.RticSafetyFirmware;
import org.sysmodels.sensor.host.reference.SafetyFunction;
import org.sysmodels.sensor.model.McuConfig;
import org.sysmodels.sensor.model.i2c.I2cSpeed;

/**
 * Refuses stale and frozen-data limits ({@code safety.stale}, {@code safety.frozen}) that the reference firmware's
 * channel monitor would trip on a healthy BME280, and a frozen-data limit the run is too short to reach, at the
 * field that makes it so. The bounds follow the part's timing as the model has it:
 *
 * <ul>
 *   <li>sample interval: in normal mode the part measures every t_measure + t_standby and its data registers hold
 *       each result until the next (BST-BME280-DS002 §3.3.4, Figure 5, §9.3): 5.5 ms typical for T×1, P×1, humidity
 *       off (§9.1) plus 0.5 ms (t_sb = 000, Table 27), 6 ms ({@link SafetyFunction#sampleIntervalNs});
 *   <li>stale: the monitor counts from its start, before the channels are initialised one after the other
 *       ({@link BoardFit#initNs}); the last channel's first measurement ends t_measure after its start, and the loop's
 *       read of it ends at most one data burst later ({@link LoopBudget#burstNs}). Every read before that finds no
 *       measurement (0x80000), so a shorter limit fails a healthy channel at start-up; after it, a good read comes
 *       every loop period;
 *   <li>frozen: raw data bit-identical for one sample interval is normal, and the loop sees a change up to one read
 *       period after the part made it, so the limit must be at least a sample interval plus a read period. Beyond
 *       that the part's noise decides: a measurement repeats the previous one now and then, so a useful limit spans
 *       several samples (the default, 50 ms, about eight);
 *   <li>a frozen-data limit the scenario sets must be reachable: the start-up (boot, the channels' initialisation,
 *       the first measurement), the limit and one read must end before the run does; so must a stale limit it sets
 *       ({@link RunLength}).
 * </ul>
 */
final class SampleFit {

    private SampleFit() {
    }

    /** Checks the limits against {@code sensors}' buses; values outside their own {@code @Range} are the loader's. */
    static void check(String firmware, long durationNs, McuSpec m, List<SensorSpecJson> sensors, SafetySpec safety) {
        List<I2cSpeed> buses = BoardFit.busOfChannel(m, sensors);
        if (buses == null || (safety.stale() != null && safety.stale() < 1_000_000)
                || (safety.frozen() != null && safety.frozen() < 1_000_000)) {
            return;
        }
        boolean rtic = firmware.equals("rtic");
        long readNs = rtic ? RticSafetyFirmware.SAMPLE_PERIOD_NS
                : safety.periodNs();
        stale(m, buses, safety);
        frozen(durationNs, buses, safety, readNs, rtic);
        RunLength.staleReachable(durationNs, safety, staleMinNs(buses), readNs, rtic);
    }

    /**
     * Time from the monitors' start to the end of the first read that finds the last channel's first measurement,
     * in whole microseconds (the parameter block stores limits in µs).
     */
    static long firstReadingNs(List<I2cSpeed> buses) {
        long init = 0;
        long burst = 0;
        for (I2cSpeed s : buses) {
            init += BoardFit.initNs(s);
            burst = Math.max(burst, LoopBudget.burstNs(s));
        }
        return Math.ceilDiv(init + SafetyFunction.measurementNs() + burst, 1000) * 1000;
    }

    /** The shortest stale limit a healthy channel on {@code buses} never trips. */
    static long staleMinNs(List<I2cSpeed> buses) {
        return Math.max(firstReadingNs(buses), SafetyFunction.sampleIntervalNs());
    }

    private static void stale(McuSpec m, List<I2cSpeed> buses, SafetySpec safety) {
        long stale = safety.staleNs();
        long min = staleMinNs(buses);
        if (stale >= min) {
            return;
        }
        String why = "the channel monitor counts from its start, before the " + buses.size() + " sensor"
                + (buses.size() == 1 ? " is" : "s are") + " initialised one after the other (" + inits(buses)
                + "), and the last one's first measurement ends " + SimTime.format(SafetyFunction.measurementNs())
                + " after its start (BST-BME280-DS002 §9.1: T×1, P×1, humidity off), read up to one data burst "
                + "later: every read before it finds no measurement, so a shorter limit fails a healthy channel at "
                + "start-up (SENSOR_STALE). After that each sensor measures every "
                + SimTime.format(SafetyFunction.sampleIntervalNs()) + " (t_measure + t_standby 0.5 ms, §3.3.4, "
                + "Table 27)";
        if (safety.stale() != null) {
            throw new InvalidFieldException("safety.stale", SimTime.format(stale) + " is shorter than a healthy "
                    + "channel goes without a fresh reading at start-up: allowed at least " + SimTime.format(min)
                    + " on this board; " + why);
        }
        throw new InvalidFieldException(m.i2c() != null ? "mcu.i2c" : "sensors", "the default stale limit, "
                + SimTime.format(stale) + " (safety.stale), is shorter than a healthy channel goes without a fresh "
                + "reading at start-up on this board, " + SimTime.format(min) + ": set safety.stale to at least that"
                + (buses.contains(I2cSpeed.STANDARD) ? " or use \"fast\" buses (mcu.i2c)" : "") + "; " + why);
    }

    private static void frozen(long durationNs, List<I2cSpeed> buses, SafetySpec safety, long readNs, boolean rtic) {
        long frozen = safety.frozenNs();
        long sample = SafetyFunction.sampleIntervalNs();
        long min = sample + readNs;
        String reads = SimTime.format(readNs) + (rtic ? " (the RTIC reference's sample task)" : " (safety.period)");
        if (frozen < min) {
            String why = "in normal mode the BME280 measures every " + SimTime.format(sample) + " (t_measure "
                    + SimTime.format(SafetyFunction.measurementNs()) + " typical, BST-BME280-DS002 §9.1, + t_standby "
                    + "0.5 ms, Table 27; §3.3.4) and its data registers hold each result until the next; the loop "
                    + "reads every " + reads + " and sees each change up to one read later, so a shorter limit fails "
                    + "every healthy channel (SENSOR_FROZEN). The part's noise also repeats a measurement now and "
                    + "then, so a useful limit spans several samples (the default is "
                    + SimTime.format(SafetySpec.defaults().frozenNs()) + ")";
            String field = safety.frozen() != null || safety.period() == null || rtic ? "safety.frozen"
                    : "safety.period";
            throw new InvalidFieldException(field, (safety.frozen() != null ? SimTime.format(frozen) + " is"
                    : "the frozen-data limit, " + SimTime.format(frozen) + " by default (safety.frozen), is")
                    + " shorter than a healthy part's data stay the same: allowed at least " + SimTime.format(min)
                    + " here; " + why);
        }
        if (safety.frozen() == null || durationNs < 10_000_000) {
            return;    // a duration out of its range is the loader's to report
        }
        long start = McuConfig.DEFAULT.bootNs() + firstReadingNs(buses);
        long max = durationNs - start - readNs - 1000;
        if (frozen > max) {
            throw new InvalidFieldException("safety.frozen", SimTime.format(frozen) + " cannot be reached in this "
                    + SimTime.format(durationNs) + " run (duration): a channel can be found frozen at the earliest "
                    + "after the start-up (boot, each sensor's initialisation and its first measurement: "
                    + SimTime.format(start) + "), the limit and one more read, every " + reads + ", so the "
                    + "frozen-data check could never fire; "
                    + (max >= min ? "allowed " + SimTime.format(min) + " to " + SimTime.format(max)
                    : "make the run at least " + SimTime.format(start + min + readNs + 1000) + " long"));
        }
    }

    /** "3.343 ms each at 400 kHz" or "3.343 ms at 400 kHz, 7.430 ms at 100 kHz". */
    private static String inits(List<I2cSpeed> buses) {
        if (buses.stream().distinct().count() == 1) {
            return SimTime.format(BoardFit.initNs(buses.get(0))) + (buses.size() > 1 ? " each" : "") + " at "
                    + buses.get(0).hz() / 1000 + " kHz: the 2 ms start-up and the register transfers";
        }
        StringBuilder b = new StringBuilder();
        for (I2cSpeed s : buses) {
            b.append(b.isEmpty() ? "" : ", ").append(SimTime.format(BoardFit.initNs(s))).append(" at ")
                    .append(s.hz() / 1000).append(" kHz");
        }
        return b + ": the 2 ms start-up and the register transfers";
    }
}
