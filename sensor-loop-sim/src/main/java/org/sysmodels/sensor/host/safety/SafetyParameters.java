package org.sysmodels.sensor.host.safety;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.sysmodels.sensor.model.io.ParameterFlash;

/**
 * The safety function's stored parameters: the board's channels (bus and address of each sensor), the
 * architecture, the trip limit and the diagnostics' limits, as one little-endian block in flash ending with its
 * {@link Crc32}. Firmware reads it at start-up and re-checks the CRC periodically; a block whose CRC fails is
 * unusable ({@link #load} returns null) and the function must stay in its safe state.
 *
 * <p>Temperatures are in 0.01 °C and times in µs, as firmware would store them.
 *
 * @param busOf            I2C bus (1-based) of each channel
 * @param addressOf        7-bit address of each channel
 * @param compensation     0 = data sheet formulas, 1 = Bosch driver
 * @param tripCentiC       de-energise when the voted temperature exceeds this
 * @param discrepancyCentiC largest disagreement between channels that is not a fault
 * @param rateCentiCPerS   fastest plausible rate of change of the process
 * @param rateMarginCentiC noise allowance on top of the rate limit
 * @param minCentiC        lowest plausible reading (the sensor's range)
 * @param maxCentiC        highest plausible reading
 * @param periodUs         control loop period
 * @param staleUs          longest time without a fresh reading
 * @param frozenUs         longest time raw data may stay bit-identical
 * @param debounceUs       how long a discrepancy must last before it is a fault
 * @param i2cTimeoutUs     how long a transfer may wait for the bus
 * @param clockPermille    allowed disagreement between core clock and LSI (per mille)
 * @param selfTestCycles   loop cycles between CRC and clock self-tests
 */
public record SafetyParameters(Architecture architecture, int[] busOf, int[] addressOf, int compensation,
                               int tripCentiC, int discrepancyCentiC, int rateCentiCPerS, int rateMarginCentiC,
                               int minCentiC, int maxCentiC, int periodUs, int staleUs, int frozenUs, int debounceUs,
                               int i2cTimeoutUs, int clockPermille, int selfTestCycles) {

    public static final int MAGIC = 0x31504C53; // "SLP1"
    public static final int SIZE = 56;
    public static final int CRC_OFFSET = SIZE - 4;
    /** The default control loop period: 1 ms (a 1 kHz loop). */
    public static final int DEFAULT_PERIOD_US = 1000;
    /** The default stale limit: no good read for 20 ms. */
    public static final int DEFAULT_STALE_US = 20_000;
    /** The default frozen-data limit: raw data bit-identical for 50 ms (about eight samples of 6 ms). */
    public static final int DEFAULT_FROZEN_US = 50_000;

    public SafetyParameters {
        busOf = busOf.clone();
        addressOf = addressOf.clone();
        if (busOf.length != architecture.channels() || addressOf.length != architecture.channels()) {
            throw new IllegalArgumentException(architecture.label() + " needs " + architecture.channels()
                    + " channels, got " + busOf.length);
        }
    }

    /** Defaults for {@code architecture} with the given wiring: trip at 80 °C, 1 kHz loop. */
    public static SafetyParameters defaults(Architecture architecture, List<int[]> wiring) {
        int n = wiring.size();
        int[] bus = new int[n];
        int[] addr = new int[n];
        for (int i = 0; i < n; i++) {
            bus[i] = wiring.get(i)[0];
            addr[i] = wiring.get(i)[1];
        }
        return new SafetyParameters(architecture, bus, addr, 0, 8000, 150, 2000, 30, -4000, 8500, DEFAULT_PERIOD_US,
                DEFAULT_STALE_US, DEFAULT_FROZEN_US, 30_000, 300, 150, 20);
    }

    public int channels() {
        return busOf.length;
    }

    /** The block as stored, CRC included. */
    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).put((byte) 1).put((byte) architecture.channels()).put((byte) channels()).put((byte) 0);
        for (int i = 0; i < 3; i++) {
            b.put((byte) (i < channels() ? busOf[i] : 0)).put((byte) (i < channels() ? addressOf[i] : 0));
        }
        b.put((byte) compensation).put((byte) 0);
        b.putShort((short) tripCentiC).putShort((short) discrepancyCentiC).putShort((short) rateCentiCPerS)
                .putShort((short) rateMarginCentiC).putShort((short) minCentiC).putShort((short) maxCentiC);
        b.putInt(periodUs).putInt(staleUs).putInt(frozenUs).putInt(debounceUs).putInt(i2cTimeoutUs);
        b.putShort((short) clockPermille).putShort((short) selfTestCycles);
        byte[] out = b.array();
        int crc = Crc32.of(out, 0, CRC_OFFSET);
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(CRC_OFFSET, crc);
        return out;
    }

    /** True when the block in {@code flash} has its magic and a matching CRC. */
    public static boolean intact(ParameterFlash flash, byte[] scratch) {
        flash.read(0, scratch, SIZE);
        return le32(scratch, 0) == MAGIC && le32(scratch, CRC_OFFSET) == Crc32.of(scratch, 0, CRC_OFFSET);
    }

    private static int le32(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24;
    }

    /** The parameters in {@code flash}, or null when the block is not intact. */
    public static SafetyParameters load(ParameterFlash flash) {
        byte[] raw = new byte[SIZE];
        if (!intact(flash, raw)) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        b.position(5);
        int arch = b.get();
        int n = b.get();
        b.get();
        if (n < 1 || n > 3 || arch != n) {
            return null;
        }
        int[] bus = new int[n];
        int[] addr = new int[n];
        for (int i = 0; i < 3; i++) {
            int bb = b.get() & 0xFF;
            int aa = b.get() & 0xFF;
            if (i < n) {
                bus[i] = bb;
                addr[i] = aa;
            }
        }
        int comp = b.get();
        b.get();
        return new SafetyParameters(Architecture.ofChannels(n), bus, addr, comp, b.getShort(), b.getShort(),
                b.getShort(), b.getShort(), b.getShort(), b.getShort(), b.getInt(), b.getInt(), b.getInt(),
                b.getInt(), b.getInt(), b.getShort(), b.getShort());
    }

    public SafetyParameters withTrip(int centiC) {
        return new SafetyParameters(architecture, busOf, addressOf, compensation, centiC, discrepancyCentiC,
                rateCentiCPerS, rateMarginCentiC, minCentiC, maxCentiC, periodUs, staleUs, frozenUs, debounceUs,
                i2cTimeoutUs, clockPermille, selfTestCycles);
    }

    public SafetyParameters withCompensation(int variant) {
        return new SafetyParameters(architecture, busOf, addressOf, variant, tripCentiC, discrepancyCentiC,
                rateCentiCPerS, rateMarginCentiC, minCentiC, maxCentiC, periodUs, staleUs, frozenUs, debounceUs,
                i2cTimeoutUs, clockPermille, selfTestCycles);
    }

    public SafetyParameters withPeriod(int us) {
        return new SafetyParameters(architecture, busOf, addressOf, compensation, tripCentiC, discrepancyCentiC,
                rateCentiCPerS, rateMarginCentiC, minCentiC, maxCentiC, us, staleUs, frozenUs, debounceUs,
                i2cTimeoutUs, clockPermille, selfTestCycles);
    }

    public SafetyParameters withLimits(int discrepancy, int staleUs2, int frozenUs2, int debounceUs2) {
        return new SafetyParameters(architecture, busOf, addressOf, compensation, tripCentiC, discrepancy,
                rateCentiCPerS, rateMarginCentiC, minCentiC, maxCentiC, periodUs, staleUs2, frozenUs2, debounceUs2,
                i2cTimeoutUs, clockPermille, selfTestCycles);
    }
}
