package org.sysmodels.sensor.model.bme280;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.sysmodels.core.testing.Props;
import org.sysmodels.sensor.model.physical.Environment;

/**
 * The BME280 at register level: a model-based test drives random register writes, burst reads, soft resets and the
 * passing of time through its I2C interface and compares every byte read (outside the data registers) with a
 * reference register map written from the data sheet's Table 18; the data registers are checked for what the data
 * sheet promises: the reset value until a measurement ends, a consistent burst afterwards.
 */
class Bme280ModelTest {

    sealed interface Cmd {
        record Write(int reg, int value) implements Cmd {
        }

        record Read(int reg, int len) implements Cmd {
        }

        record Wait(long ns) implements Cmd {
        }
    }

    static final int[] REGS = {0xD0, 0xE0, 0xF2, 0xF3, 0xF4, 0xF5, 0x88, 0xA1, 0xE1, 0xE4, 0xE7, 0x00, 0xFF};

    static Gen<Cmd> commands() {
        Gen<Integer> reg = integers().between(0, REGS.length - 1).map(i -> REGS[i]);
        Gen<Integer> value = integers().between(0, 255);
        return integers().between(0, 9).flatMap(k -> switch (k) {
            case 0, 1, 2 -> reg.zip(value, (r, v) -> (Cmd) new Cmd.Write(r, v));
            case 3 -> value.map(v -> (Cmd) new Cmd.Write(0xE0, v % 3 == 0 ? 0xB6 : v));
            case 4, 5, 6 -> reg.zip(integers().between(1, 4), (r, n) -> (Cmd) new Cmd.Read(r, n));
            default -> integers().between(1, 30).map(ms -> (Cmd) new Cmd.Wait(ms * 1_000_000L));
        });
    }

    /** The reference: Table 18's reset values and which bits of each writable register stick. */
    static final class Reference {
        final Map<Integer, Integer> regs = new HashMap<>();
        final byte[] tp = Calibration.TYPICAL.tpBlock();
        final byte[] h = Calibration.TYPICAL.hBlock();
        long startupUntil;
        /** Once a measurement mode was set, config writes race with the measurement cycle: not compared. */
        boolean measuring;

        Reference() {
            reset(0);
        }

        void reset(long now) {
            regs.put(0xF2, 0);
            regs.put(0xF4, 0);
            regs.put(0xF5, 0);
            measuring = false;
            startupUntil = now + Bme280.STARTUP_NS;
        }

        /** Expected read of a non-data, non-status register; −1 = not compared. */
        int read(int reg) {
            if (reg >= 0x88 && reg <= 0xA1) {
                return tp[reg - 0x88] & 0xFF;
            }
            if (reg >= 0xE1 && reg <= 0xE7) {
                return h[reg - 0xE1] & 0xFF;
            }
            return switch (reg) {
                case 0xD0 -> 0x60;
                case 0xE0 -> 0;
                case 0xF2 -> regs.get(0xF2);
                case 0xF5 -> measuring ? -1 : regs.get(0xF5);
                case 0xF3, 0xF4 -> -1;    // status and the mode bits move with time
                default -> reg >= 0xF7 ? -1 : 0;
            };
        }

        void write(int reg, int v, long now) {
            switch (reg) {
                case 0xE0 -> {
                    if (v == 0xB6) {
                        reset(now);
                    }
                }
                case 0xF2 -> regs.put(0xF2, v & 7);
                case 0xF4 -> {
                    if (now >= startupUntil) {
                        regs.put(0xF4, v);
                        measuring |= (v & 3) != 0;
                    }
                }
                case 0xF5 -> {
                    regs.put(0xF5, v & 0xFD);
                }
                default -> {
                }
            }
        }
    }

    @Test
    void registersAgreeWithTheReference() {
        Props.property(300).forAll(lists().of(commands()).ofSizeBetween(1, 50)).checkAssert(cmds -> {
            Bme280 s = new Bme280(SensorSpec.at(0x76), Calibration.TYPICAL, Environment.standard(), 1);
            Reference ref = new Reference();
            long now = 0;
            int step = 0;
            for (Cmd c : cmds) {
                String where = "step " + step++ + " " + c;
                switch (c) {
                    case Cmd.Write w -> {
                        s.select(false, now);
                        s.write(w.reg(), now);
                        s.write(w.value(), now);
                        s.stop(now);
                        ref.write(w.reg(), w.value(), now);
                    }
                    case Cmd.Read r -> {
                        s.select(false, now);
                        s.write(r.reg(), now);
                        s.select(true, now);
                        for (int i = 0; i < r.len(); i++) {
                            int got = s.read(now);
                            int want = ref.read((r.reg() + i) & 0xFF);
                            if (want >= 0) {
                                assertEquals(want, got, where + " byte " + i);
                            }
                        }
                        s.stop(now);
                    }
                    case Cmd.Wait w -> now += w.ns();
                }
            }
        });
    }

    /** Writes to 0xF4 during a measurement wait for its end (DS §3.3.1): the reference does not model that, so a
     *  separate check: the data are the reset value until a measurement completes, then change with the input. */
    @Test
    void dataAreResetValueUntilTheFirstMeasurementEnds() {
        Bme280 s = new Bme280(SensorSpec.at(0x76), Calibration.TYPICAL, Environment.standard(), 7);
        long t = 3_000_000;
        write(s, 0xF2, 1, t);
        write(s, 0xF4, 2 << 5 | 1 << 2 | 3, t);
        assertEquals(0x80, s.readRegister(0xFA, t + 1_000_000), "temp_msb reset value while measuring");
        assertEquals(0x08, s.readRegister(0xF3, t + 1_000_000) & 0x08, "status.measuring");
        long done = t + MeasurementTime.typicalNs(2, 1, 1);
        assertNotEquals(0x80, s.readRegister(0xFA, done) & 0xFF, "a value after the measurement");
        int adcT = (s.readRegister(0xFA, done) << 12) | (s.readRegister(0xFB, done) << 4)
                | (s.readRegister(0xFC, done) >> 4);
        assertEquals(25.0, Compensation.DATASHEET.temperature(Compensation.DATASHEET.tFine(Calibration.TYPICAL,
                adcT)) / 100.0, 0.05);
        assertEquals(0, adcT & 0b111, "osrs_t ×2 without the filter: 17 bits, the lowest 3 read 0");
    }

    @Test
    void skippedMeasurementsReadTheirMarker() {
        Bme280 s = new Bme280(SensorSpec.at(0x76), Calibration.TYPICAL, Environment.standard(), 7);
        long t = 3_000_000;
        write(s, 0xF4, 1 << 5 | 1, t);        // T ×1, P skipped, forced mode, H skipped (ctrl_hum 0)
        long done = t + MeasurementTime.typicalNs(1, 0, 0);
        assertEquals(0x80, s.readRegister(0xF7, done), "press_msb of a skipped pressure: 0x80000");
        assertEquals(0x80, s.readRegister(0xFD, done), "hum_msb of a skipped humidity: 0x8000");
        assertEquals(0, s.readRegister(0xF4, done) & 3, "forced mode returns to sleep");
    }

    @Test
    void doesNotAnswerWhenSilencedAndFreezesWhenStuck() {
        Bme280 s = new Bme280(SensorSpec.at(0x76), Calibration.TYPICAL,
                new Environment(new org.sysmodels.sensor.model.physical.Signal.Piecewise(new long[] {0, 1_000_000_000},
                        new double[] {20, 40}), new org.sysmodels.sensor.model.physical.Signal.Constant(100_000),
                        new org.sysmodels.sensor.model.physical.Signal.Constant(50)), 7);
        write(s, 0xF2, 1, 3_000_000);
        write(s, 0xF4, 2 << 5 | 1 << 2 | 3, 3_000_000);
        long t1 = 100_000_000;
        int before = s.readRegister(0xFA, t1);
        s.stick();
        assertEquals(before, s.readRegister(0xFA, 900_000_000), "a stuck part keeps its last data");
        s.silence(true);
        assertTrue(!s.select(true, 900_000_000), "a silent part NACKs its address");
    }

    static void write(Bme280 s, int reg, int v, long now) {
        s.select(false, now);
        s.write(reg, now);
        s.write(v, now);
        s.stop(now);
    }
}
