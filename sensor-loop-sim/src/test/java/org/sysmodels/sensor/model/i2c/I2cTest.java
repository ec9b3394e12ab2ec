package org.sysmodels.sensor.model.i2c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;

import org.junit.jupiter.api.Test;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.core.testing.Props;
import org.sysmodels.sensor.model.Mcu;
import org.sysmodels.sensor.model.McuConfig;
import org.sysmodels.sensor.model.core.Program;

/** Transfers, their timing, their faults and the bus clear (NXP UM10204 §3.1). */
class I2cTest {

    /** A target that answers every read with its register pointer, and stretches SCL if asked. */
    static final class Echo implements I2cTarget {
        final int address;
        long stretch;
        int pointer;

        Echo(int address) {
            this.address = address;
        }

        @Override
        public int address() {
            return address;
        }

        @Override
        public boolean select(boolean read, long now) {
            return true;
        }

        @Override
        public boolean write(int value, long now) {
            pointer = value;
            return true;
        }

        @Override
        public int read(long now) {
            return pointer++;
        }

        @Override
        public void stop(long now) {
        }

        @Override
        public long stretchNs(int index) {
            return stretch;
        }
    }

    /** Runs {@code body} as firmware on a fresh MCU; returns the MCU for inspection. */
    static Mcu run(java.util.function.Consumer<Mcu> body) {
        Mcu mcu = new Mcu(McuConfig.DEFAULT, new Scheduler());
        mcu.run(() -> new Program() {
            @Override
            public void main() {
                body.accept(mcu);
                mcu.core().spinForever();
            }

            @Override
            public void handle(int exc) {
            }
        }, 1_000_000_000L);
        return mcu;
    }

    @Test
    void busClearReleasesAHungTargetWithinNineClocks() {
        Props.property(50).forAll(integers().between(1, 9)).checkAssert(k -> {
            int[] clocks = {-2};
            long[] took = {0};
            run(m -> {
                Echo e = new Echo(0x76);
                m.bus(1).attach(e);
                m.bus(1).holdSda(e, k, m.now());
                long t0 = m.now();
                clocks[0] = m.i2c(1).busClear();
                took[0] = m.now() - t0;
                assertFalse(m.bus(1).sdaLow());
            });
            assertEquals(k, clocks[0]);
            assertEquals(k * I2cSpeed.FAST.bitNs() + I2cSpeed.FAST.stopNs(), took[0]);
        });
    }

    @Test
    void aShortedSdaStaysLowAfterNineClocks() {
        int[] clocks = {0};
        run(m -> {
            m.bus(1).holdSda(null, I2cBus.SHORTED, m.now());
            clocks[0] = m.i2c(1).busClear();
            assertTrue(m.bus(1).sdaLow());
        });
        assertEquals(-1, clocks[0]);
    }

    @Test
    void aHungBusTimesOutAsBusBusy() {
        I2cStatus[] s = new I2cStatus[1];
        long[] took = {0};
        run(m -> {
            m.bus(1).holdSda(null, 3, m.now());
            m.i2c(1).setTimeout(300_000);
            long t0 = m.now();
            s[0] = m.i2c(1).read(0x76, new byte[1], 1);
            took[0] = m.now() - t0;
        });
        assertEquals(I2cStatus.BUS_BUSY, s[0]);
        assertEquals(300_000, took[0]);
    }

    @Test
    void registerReadTakesItsBitsOnTheWire() {
        for (I2cSpeed speed : I2cSpeed.values()) {
            long[] took = {0};
            byte[] in = new byte[8];
            Mcu mcu = new Mcu(McuConfig.DEFAULT.withBuses(java.util.List.of(speed)), new Scheduler());
            Echo e = new Echo(0x76);
            mcu.bus(1).attach(e);
            mcu.run(() -> new Program() {
                @Override
                public void main() {
                    long t0 = mcu.now();
                    assertEquals(I2cStatus.OK, mcu.i2c(1).writeRead(0x76, new byte[] {(byte) 0xF7}, 1, in, 8));
                    took[0] = mcu.now() - t0;
                    mcu.core().spinForever();
                }

                @Override
                public void handle(int exc) {
                }
            }, 100_000_000L);
            long bits = 9 + 9 + 9 + 8 * 9;
            assertEquals(speed.startNs() + bits * speed.bitNs() + speed.repeatedStartNs() + speed.stopNs(), took[0]);
            assertEquals((byte) 0xF7, in[0]);
            assertEquals((byte) 0xFE, in[7]);
        }
    }

    @Test
    void absentTargetNacksAndStretchingPastTheTimeoutFails() {
        I2cStatus[] s = new I2cStatus[3];
        run(m -> {
            Echo slow = new Echo(0x77);
            m.bus(1).attach(slow);
            s[0] = m.i2c(1).read(0x76, new byte[1], 1);
            slow.stretch = 50_000;
            m.i2c(1).setTimeout(100_000);
            s[1] = m.i2c(1).read(0x77, new byte[2], 2);
            slow.stretch = 200_000;
            s[2] = m.i2c(1).read(0x77, new byte[2], 2);
        });
        assertEquals(I2cStatus.NACK_ADDRESS, s[0]);
        assertEquals(I2cStatus.OK, s[1]);
        assertEquals(I2cStatus.TIMEOUT, s[2]);
    }
}
