package org.sysmodels.sensor.model;

import java.util.List;
import org.sysmodels.sensor.model.core.Lsi;
import org.sysmodels.sensor.model.core.PowerProfile;
import org.sysmodels.sensor.model.i2c.I2cSpeed;

/**
 * The part the firmware runs on. The default is a Cortex-M4 at 80 MHz (an STM32L4 runs up to 80 MHz, ST AN4621) with
 * 4 priority bits as on every STM32, a 32 kHz nominal LSI, two I2C buses at 400 kHz and a software-started
 * independent watchdog.
 *
 * @param coreHz       core (and APB) clock
 * @param priorityBits implemented NVIC priority bits
 * @param lsi          the LSI: nominal and this part's actual frequency
 * @param hardwareIwdg the "hardware watchdog" option byte: the IWDG runs from reset
 * @param buses        speed of each I2C bus (I2C1, I2C2, ...)
 * @param bootNs       time from a reset to the first instruction of main (reset pulse, clock start, startup code)
 */
public record McuConfig(long coreHz, int priorityBits, PowerProfile power, Lsi lsi, boolean hardwareIwdg,
                        List<I2cSpeed> buses, long bootNs) {

    public static final McuConfig DEFAULT = new McuConfig(80_000_000, 4, PowerProfile.DEFAULT, Lsi.nominal(), false,
            List.of(I2cSpeed.FAST, I2cSpeed.FAST), 100_000);

    public McuConfig {
        buses = List.copyOf(buses);
        if (buses.isEmpty()) {
            throw new IllegalArgumentException("an MCU here has at least one I2C bus");
        }
    }

    public McuConfig withLsi(Lsi l) {
        return new McuConfig(coreHz, priorityBits, power, l, hardwareIwdg, buses, bootNs);
    }

    public McuConfig withBuses(List<I2cSpeed> b) {
        return new McuConfig(coreHz, priorityBits, power, lsi, hardwareIwdg, b, bootNs);
    }
}
