// A starter safety firmware for `sim sensor-loop --firmware MyFirmware.java` (bare-metal style).
//
// The job: an over-temperature trip. Read the BME280s, decide whether the process is too hot, and drive the
// actuator (GPIO pin 0: high = heater on). De-energise it when the temperature passes the trip limit stored in
// flash, and whenever you can no longer trust your readings. A reset de-energises it too.
//
// Time passes only through the MCU: core().wfi() sleeps until an interrupt, core().work(n) spends n cycles,
// an I2C transfer takes its bits on the wire. `sim sensor-loop --grade MyFirmware.java` injects faults (stuck
// sensors, hung buses, clock faults, a hung loop, ...) and shows which your diagnostics catch within the FTTI.
// The TODOs mark what this starter does not do yet.

import org.sysmodels.sensor.host.Firmware;
import org.sysmodels.sensor.host.driver.Bme280Driver;
import org.sysmodels.sensor.host.safety.Diagnostics;
import org.sysmodels.sensor.host.safety.Dtc;
import org.sysmodels.sensor.host.safety.SafetyParameters;
import org.sysmodels.sensor.model.Mcu;
import org.sysmodels.sensor.model.bme280.Compensation;
import org.sysmodels.sensor.model.i2c.I2cStatus;
import org.sysmodels.sensor.model.io.Gpio;
import org.sysmodels.sensor.model.wdg.Iwdg;

public class MyFirmware implements Firmware {

    private volatile boolean tick;          // set by SysTick, cleared by the loop
    private Bme280Driver[] sensors;
    private int[] last;                     // last good temperature of each channel, 0.01 °C
    private boolean safe;                   // latched safe state

    @Override
    public void main(Mcu mcu) {                                   // #[entry] fn main() -> !
        mcu.gpio().write(Gpio.ACTUATOR, false);
        Diagnostics diag = new Diagnostics(mcu.diagnostics());
        SafetyParameters p = SafetyParameters.load(mcu.flash());  // null if the CRC fails
        if (p == null) {
            diag.report(Dtc.PARAM_CRC, -1);
            while (true) {
                mcu.core().wfi();                                 // stay safe
            }
        }
        // Independent watchdog: about 20 ms at the nominal 32 kHz LSI (prescaler /4, reload 159).
        mcu.iwdg().writeKr(Iwdg.KEY_UNLOCK);
        mcu.iwdg().writePr(0);
        mcu.iwdg().writeRlr(159);
        mcu.iwdg().writeKr(Iwdg.KEY_START);

        sensors = new Bme280Driver[p.channels()];
        last = new int[p.channels()];
        for (int i = 0; i < sensors.length; i++) {
            mcu.i2c(p.busOf()[i]).setTimeout(300_000);           // 300 µs: never wait forever for a bus
            sensors[i] = new Bme280Driver(mcu.i2c(p.busOf()[i]), mcu.core(), p.addressOf()[i],
                    Compensation.DATASHEET);
            mcu.iwdg().writeKr(Iwdg.KEY_RELOAD);
            // Normal mode, temperature x1, pressure x1, humidity skipped, t_standby 0.5 ms, filter off: the
            // reference firmware's choice. A measurement takes 1 + 2*1 + (2*1 + 0.5) = 5.5 ms typical, 6.425 ms
            // at most (data sheet section 9.1), so a fresh sample comes every 6 to 7 ms and p.staleUs() (20 ms)
            // tolerates two missed samples. T x2, P x1, H x1 would take 10.5 to 12.1 ms per sample: one missed
            // sample would then already look stale. Pressure stays on because its noise keeps the raw data
            // moving, which a frozen-data check relies on.
            if (sensors[i].init(1, 1, 0, 0, 0) != I2cStatus.OK) {
                diag.report(Dtc.SENSOR_ID, i);
                safe = true;
            }
        }
        mcu.sysTick().configure(mcu.core().clock().nominalHz() * p.periodUs() / 1_000_000);

        while (true) {                                            // loop { wfi(); ... }
            while (!tick) {
                mcu.core().wfi();
            }
            tick = false;
            mcu.iwdg().writeKr(Iwdg.KEY_RELOAD);                  // from the loop, never from an interrupt
            boolean trip = false;
            for (int i = 0; i < sensors.length; i++) {
                I2cStatus s = sensors[i].read();
                if (s == I2cStatus.OK && sensors[i].fresh()) {
                    last[i] = sensors[i].temperature();
                    // TODO plausibility: range, rate of change, raw data that stop changing (a stuck sensor)
                } else if (s != I2cStatus.OK) {
                    diag.report(Dtc.I2C_NACK, i);
                    // TODO a hung bus (BUS_BUSY): clear it with sensors[i].i2c().busClear(), then retry
                    // TODO stale data: how long may a channel go without a good reading?
                }
                trip |= last[i] > p.tripCentiC();                 // 1oo2: either channel may trip
            }
            // TODO compare the channels: a lasting disagreement beyond p.discrepancyCentiC() is a fault
            // TODO self-tests every few cycles: SafetyParameters.intact(...) and a clock cross-check
            // TODO the window watchdog, refreshed only when the whole cycle ran in order
            mcu.core().work(300);                                 // this loop's own computation
            mcu.gpio().write(Gpio.ACTUATOR, !safe && !trip);
        }
    }

    @Override
    public void sysTick(Mcu mcu) {                                // #[exception] fn SysTick()
        tick = true;
    }

    @Override
    public void hardFault(Mcu mcu) {                              // #[exception] fn HardFault()
        mcu.gpio().write(Gpio.ACTUATOR, false);
    }
}
