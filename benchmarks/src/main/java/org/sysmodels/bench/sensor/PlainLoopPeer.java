package org.sysmodels.bench.sensor;

import java.util.List;
import org.sysmodels.sensor.host.safety.Architecture;
import org.sysmodels.sensor.host.safety.ChannelMonitor;
import org.sysmodels.sensor.host.safety.ChannelVerdict;
import org.sysmodels.sensor.host.safety.SafetyParameters;
import org.sysmodels.sensor.host.safety.Vote;
import org.sysmodels.sensor.host.safety.Voter;
import org.sysmodels.sensor.model.bme280.AdcInverse;
import org.sysmodels.sensor.model.bme280.Calibration;
import org.sysmodels.sensor.model.bme280.Compensation;
import org.sysmodels.sensor.model.bme280.FloatCompensation;

/**
 * The peer: the loop's computation as plain Java with no MCU, no bus and no time: each iteration compensates two raw
 * bursts (temperature, pressure, humidity, data sheet formulas), runs both channels' plausibility checks and the 1oo2
 * vote, and decides the output. The raw values come from a ring precomputed from the same sensor model, changing
 * every ten iterations as the sensor's measurements do at 1 kHz.
 */
final class PlainLoopPeer {

    private static final int RING = 4096;
    private final Calibration cal = Calibration.TYPICAL;
    private final Compensation comp = Compensation.DATASHEET;
    private final int[][] adcT = new int[2][RING];
    private final int[][] adcP = new int[2][RING];
    private final int[][] adcH = new int[2][RING];
    private final ChannelMonitor[] monitors = new ChannelMonitor[2];
    private final Voter voter;
    private final Vote vote = new Vote();
    private final int[] values = new int[2];
    private final boolean[] valid = {true, true};
    private long now;
    private int i;
    private boolean actuator;

    PlainLoopPeer() {
        SafetyParameters p = SafetyParameters.defaults(Architecture.ONE_OUT_OF_TWO,
                List.of(new int[] {1, 0x76}, new int[] {2, 0x76}));
        voter = Voter.of(p);
        for (int c = 0; c < 2; c++) {
            monitors[c] = new ChannelMonitor(p, 0);
            java.util.Random r = new java.util.Random(c);
            for (int k = 0; k < RING; k++) {
                double t = 25 + 0.005 * r.nextGaussian() * 10 * ((k / 10) % 3);
                int at = AdcInverse.temperature(cal, t + 0.003 * (k / 10));
                double tf = FloatCompensation.tFine(cal, at);
                adcT[c][k] = at;
                adcP[c][k] = AdcInverse.pressure(cal, 101325 + (k / 10) % 7, tf);
                adcH[c][k] = AdcInverse.humidity(cal, 45 + 0.01 * ((k / 10) % 5), tf);
            }
        }
    }

    /** One iteration: 1 ms of the loop's work. */
    boolean iteration() {
        now += 1_000_000;
        int k = i++ & (RING - 1);
        for (int c = 0; c < 2; c++) {
            int t = adcT[c][k];
            int tFine = comp.tFine(cal, t);
            int temp = comp.temperature(tFine);
            long pressure = comp.pressure(cal, adcP[c][k], tFine);
            int humidity = comp.humidity(cal, adcH[c][k], tFine);
            long raw = (long) t << 40 ^ (long) adcP[c][k] << 16 ^ adcH[c][k] ^ (pressure & 1) ^ (humidity & 2);
            if (monitors[c].check(now, temp, raw) == ChannelVerdict.FAILED) {
                valid[c] = false;
            }
            values[c] = monitors[c].value();
        }
        voter.vote(now, values, valid, vote);
        actuator = !vote.fault && !vote.trip;
        return actuator;
    }
}
