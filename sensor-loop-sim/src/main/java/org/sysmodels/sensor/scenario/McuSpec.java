package org.sysmodels.sensor.scenario;

import java.util.List;
import org.sysmodels.core.scenario.InvalidFieldException;
import org.sysmodels.core.scenario.Range;

/**
 * The MCU in a scenario; every field is optional (defaults: 80 MHz, 4 priority bits, LSI 32 kHz nominal and actual,
 * software-started IWDG, two I2C buses at 400 kHz, the default power profile).
 *
 * @param lsiActualHz this part's real LSI frequency (parts differ widely from nominal)
 * @param i2c         speed of each bus: "standard" (100 kHz) or "fast" (400 kHz)
 */
public record McuSpec(@Range(min = 1_000_000, max = 480_000_000) Long coreHz,
                      @Range(min = 3, max = 8) Integer priorityBits,
                      @Range(min = 1_000, max = 100_000) Double lsiHz,
                      @Range(min = 1_000, max = 100_000) Double lsiActualHz,
                      Boolean hardwareWatchdog,
                      List<String> i2c,
                      @Range(min = 0) Double runMilliAmps,
                      @Range(min = 0) Double sleepMilliAmps,
                      @Range(min = 0) Double stopMilliAmps,
                      @Range(min = 0.5, max = 6) Double volts) {

    public McuSpec {
        if (i2c != null) {
            if (i2c.isEmpty() || i2c.size() > 4) {
                throw new InvalidFieldException("i2c", "give 1 to 4 buses, each \"standard\" or \"fast\"");
            }
            for (int i = 0; i < i2c.size(); i++) {
                if (!List.of("standard", "fast").contains(i2c.get(i))) {
                    throw new InvalidFieldException("i2c[" + i + "]", "\"" + i2c.get(i)
                            + "\" is not a bus speed; use \"standard\" (100 kHz) or \"fast\" (400 kHz)");
                }
            }
            i2c = List.copyOf(i2c);
        }
    }

    public static McuSpec defaults() {
        return new McuSpec(null, null, null, null, null, null, null, null, null, null);
    }
}
