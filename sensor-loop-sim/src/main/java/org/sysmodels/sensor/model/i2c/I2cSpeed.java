package org.sysmodels.sensor.model.i2c;

/**
 * I2C bus speed modes with the minimum timings of UM10204 (I2C-bus specification, rev. 7, Table 10) that a
 * controller's bit clock respects. Times in ns.
 */
public enum I2cSpeed {
    /** Standard-mode, 100 kHz: tLOW 4.7 µs, tHIGH 4.0 µs, tHD;STA 4.0, tSU;STA 4.7, tSU;STO 4.0, tBUF 4.7 µs. */
    STANDARD(100_000, 4_000, 4_700, 4_000, 4_700),
    /** Fast-mode, 400 kHz: tLOW 1.3 µs, tHIGH 0.6 µs, tHD;STA 0.6, tSU;STA 0.6, tSU;STO 0.6, tBUF 1.3 µs. */
    FAST(400_000, 600, 600, 600, 1_300);

    private final int hz;
    private final long holdStart;
    private final long setupStart;
    private final long setupStop;
    private final long busFree;

    I2cSpeed(int hz, long holdStart, long setupStart, long setupStop, long busFree) {
        this.hz = hz;
        this.holdStart = holdStart;
        this.setupStart = setupStart;
        this.setupStop = setupStop;
        this.busFree = busFree;
    }

    public int hz() {
        return hz;
    }

    /** One SCL period (ns). */
    public long bitNs() {
        return 1_000_000_000L / hz;
    }

    /** START: SDA falls, then held for tHD;STA before SCL falls. */
    public long startNs() {
        return holdStart;
    }

    /** Repeated START: tSU;STA with SCL high, then tHD;STA. */
    public long repeatedStartNs() {
        return setupStart + holdStart;
    }

    /** STOP: tSU;STO, then the bus-free time tBUF before the next START. */
    public long stopNs() {
        return setupStop + busFree;
    }
}
