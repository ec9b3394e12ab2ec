package org.sysmodels.sensor.model.i2c;

import org.sysmodels.sensor.model.core.Core;

/**
 * The MCU's I2C controller, at transaction level: one call is one transfer (START, address + R/W, data bytes each
 * with its acknowledge, repeated START, STOP, as UM10204 §3.1 draws them), and the calling code busy-waits for as
 * long as the bits take on the wire at the bus speed, stretched by targets that hold SCL low and by a slow core
 * clock (the bit clock is divided from it). The firmware calls it in the shape of embedded-hal's {@code I2c} trait
 * ({@code write}, {@code read}, {@code write_read}) and gets an {@link I2cStatus} back.
 *
 * <p>With SDA held low the controller cannot generate START: it waits its timeout and reports
 * {@link I2cStatus#BUS_BUSY}; with no timeout set ({@code 0}, like {@code HAL_MAX_DELAY}) it waits forever. Only the
 * bus clear ({@link #busClear()}) frees a hung bus: a reset of the MCU does not reset the target holding SDA.
 */
public final class I2cController {

    /** UM10204 §3.1.16: a target holding SDA releases it "sometime within those nine clocks". */
    public static final int BUS_CLEAR_CLOCKS = 9;

    private final Core core;
    private final I2cBus bus;
    private BusFaults faults = BusFaults.NONE;
    private long timeoutNs;
    private boolean busy;
    private long transfers;
    private long errors;
    /** The clock factor the timings below were computed at (NaN: not yet). */
    private double timedAtFactor = Double.NaN;
    private long byteNs;
    private long startNs;
    private long repeatedStartNs;
    private long stopNs;

    public I2cController(Core core, I2cBus bus) {
        this.core = core;
        this.bus = bus;
        core.onReset(() -> {
            timeoutNs = 0;
            busy = false;
        });
    }

    public I2cBus bus() {
        return bus;
    }

    public void setFaults(BusFaults f) {
        faults = f;
    }

    /** How long a transfer may wait for the bus or for a stretching target; 0 = forever. */
    public void setTimeout(long ns) {
        if (ns < 0) {
            throw new IllegalArgumentException("timeout must be ≥ 0 ns (0 = wait forever)");
        }
        timeoutNs = ns;
    }

    public long timeoutNs() {
        return timeoutNs;
    }

    public long transfers() {
        return transfers;
    }

    public long errors() {
        return errors;
    }

    /** embedded-hal {@code write}: S, address+W, {@code len} bytes, P. */
    public I2cStatus write(int address, byte[] data, int len) {
        return transfer(address, data, len, null, 0);
    }

    /** embedded-hal {@code read}: S, address+R, {@code len} bytes (the last NACKed), P. */
    public I2cStatus read(int address, byte[] into, int len) {
        return transfer(address, null, 0, into, len);
    }

    /** embedded-hal {@code write_read}: S, address+W, out..., Sr, address+R, in..., P. */
    public I2cStatus writeRead(int address, byte[] out, int outLen, byte[] in, int inLen) {
        return transfer(address, out, outLen, in, inLen);
    }

    /**
     * Bus clear (UM10204 §3.1.16): clock SCL until the target holding SDA lets go, at most nine times, then STOP.
     * @return the clocks it took (0 if SDA was not held), or −1 if SDA is still low after nine
     */
    public int busClear() {
        long start = core.now();
        int clocks = 0;
        boolean released = !bus.sdaLow();
        while (!released && clocks < BUS_CLEAR_CLOCKS) {
            clocks++;
            released = bus.clockPulse(start + clocks * bitNs());
        }
        long ns = clocks * bitNs() + scaled(bus.speed().stopNs());
        core.busyWait(ns);
        for (I2cListener l : bus.listeners()) {
            l.busClear(bus.number(), clocks, released, start, core.now());
        }
        return released ? clocks : -1;
    }

    private long bitNs() {
        return scaled(bus.speed().bitNs());
    }

    private long scaled(long ns) {
        double f = core.clock().factor();
        return f == 1.0 ? ns : Math.round(ns / f);
    }

    /** The bus timings at the core clock's current factor (the bit clock is divided from it), kept until it changes. */
    private void retime() {
        double f = core.clock().factor();
        if (f != timedAtFactor) {
            timedAtFactor = f;
            byteNs = 9 * bitNs();
            startNs = scaled(bus.speed().startNs());
            repeatedStartNs = scaled(bus.speed().repeatedStartNs());
            stopNs = scaled(bus.speed().stopNs());
        }
    }

    /**
     * Byte {@code i} of a transfer on the wire: 9 bit times plus the time target {@code t} holds SCL low before it
     * (clock stretching, UM10204 §3.1.9), or −1 when that stretch outlasts the controller's timeout.
     */
    private long byteTime(I2cTarget t, int i) {
        long stretch = t.stretchNs(i);
        if (timeoutNs > 0 && stretch > timeoutNs) {
            return -1;
        }
        return byteNs + stretch;
    }

    private I2cStatus transfer(int address, byte[] out, int outLen, byte[] in, int inLen) {
        if (busy) {
            return I2cStatus.OVERRUN;
        }
        if (address < 0 || address > 0x7F) {
            throw new IllegalArgumentException("I2C address 0x" + Integer.toHexString(address) + " is not 7 bits");
        }
        if (outLen < 0 || inLen < 0 || (out == null && outLen > 0) || (in == null && inLen > 0)
                || (out != null && outLen > out.length) || (in != null && inLen > in.length)) {
            throw new IllegalArgumentException("I2C transfer lengths " + outLen + "/" + inLen
                    + " do not fit the buffers");
        }
        busy = true;
        long start = core.now();
        transfers++;
        try {
            if (bus.sdaLow()) {
                errors++;
                if (timeoutNs == 0) {
                    core.spinForever();
                }
                core.busyWait(timeoutNs);
                notify(address, inLen > 0, 0, I2cStatus.BUS_BUSY, start);
                return I2cStatus.BUS_BUSY;
            }
            retime();
            long ns = startNs;
            I2cTarget t = bus.target(address);
            boolean stretches = t != null && t.stretches();
            int moved = 0;
            I2cStatus status = I2cStatus.OK;
            boolean injectedNack = faults.nack(bus.number(), address, start);
            if (outLen > 0 || inLen == 0) {
                ns += byteNs;
                if (t == null || injectedNack || !t.select(false, start)) {
                    status = I2cStatus.NACK_ADDRESS;
                } else {
                    for (int i = 0; i < outLen; i++) {
                        long b = stretches ? byteTime(t, i) : byteNs;
                        if (b < 0) {
                            ns += timeoutNs;
                            status = I2cStatus.TIMEOUT;
                            break;
                        }
                        ns += b;
                        if (!t.write(out[i] & 0xFF, start)) {
                            status = I2cStatus.NACK_DATA;
                            break;
                        }
                        moved++;
                    }
                }
                if (status == I2cStatus.OK && inLen > 0) {
                    ns += repeatedStartNs;
                }
            }
            if (status == I2cStatus.OK && inLen > 0) {
                ns += byteNs;
                if (t == null || (outLen == 0 && injectedNack) || !t.select(true, start)) {
                    status = I2cStatus.NACK_ADDRESS;
                } else {
                    int mask = faults.corrupt(bus.number(), address, start);
                    int flipAt = mask == 0 ? -1 : ((mask >>> 8) & 0xFFFF) % inLen;
                    if (!stretches) {
                        // no stretching: every byte takes 9 bit times, so the burst is timed and read in one step
                        ns += byteNs * inLen;
                        t.read(in, inLen, start);
                        if (flipAt >= 0) {
                            in[flipAt] ^= (byte) mask;
                        }
                        moved += inLen;
                    } else {
                        for (int i = 0; i < inLen; i++) {
                            long b = byteTime(t, i);
                            if (b < 0) {
                                ns += timeoutNs;
                                status = I2cStatus.TIMEOUT;
                                break;
                            }
                            ns += b;
                            int v = t.read(start);
                            if (i == flipAt) {
                                v ^= mask & 0xFF;
                            }
                            in[i] = (byte) v;
                            moved++;
                        }
                    }
                }
            }
            if (t != null) {
                t.stop(start);
            }
            ns += stopNs;
            if (status != I2cStatus.OK) {
                errors++;
            }
            core.busyWait(ns);
            notify(address, inLen > 0, moved, status, start);
            return status;
        } finally {
            busy = false;
        }
    }

    private void notify(int address, boolean read, int bytes, I2cStatus status, long start) {
        for (I2cListener l : bus.transferListeners()) {
            l.transfer(bus.number(), address, read, bytes, status, start, core.now());
        }
    }
}
