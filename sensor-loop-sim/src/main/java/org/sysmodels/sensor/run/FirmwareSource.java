package org.sysmodels.sensor.run;

import org.sysmodels.sensor.host.Firmware;
import org.sysmodels.sensor.host.reference.RticSafetyFirmware;
import org.sysmodels.sensor.host.reference.SafetyFirmware;

/** Where a run's firmware comes from: the reference, a bug lab's variant, or a student's file. */
public interface FirmwareSource {

    /** "reference (bare-metal)", "bug lab watchdog-in-systick", "MyFirmware.java". */
    String label();

    /** A fresh instance, as at a reset. */
    Firmware create();

    FirmwareSource BARE_METAL = of("reference (bare-metal)", SafetyFirmware::new);
    FirmwareSource RTIC = of("reference (RTIC)", RticSafetyFirmware::new);

    static FirmwareSource of(String label, java.util.function.Supplier<? extends Firmware> make) {
        return new FirmwareSource() {
            @Override
            public String label() {
                return label;
            }

            @Override
            public Firmware create() {
                return make.get();
            }
        };
    }
}
