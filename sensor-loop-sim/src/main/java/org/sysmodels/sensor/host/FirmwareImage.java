package org.sysmodels.sensor.host;

import java.util.function.Supplier;
import org.sysmodels.sensor.model.Mcu;
import org.sysmodels.sensor.model.core.Exceptions;
import org.sysmodels.sensor.model.core.Program;

/** Puts a {@link Firmware} in the core's vector table: a {@link Program} per boot. */
public final class FirmwareImage implements Program {

    private final Firmware firmware;
    private final Mcu mcu;

    private FirmwareImage(Firmware firmware, Mcu mcu) {
        this.firmware = firmware;
        this.mcu = mcu;
    }

    /** The image the core boots: a new firmware instance at each reset. */
    public static Supplier<Program> of(Mcu mcu, Supplier<? extends Firmware> build) {
        return () -> new FirmwareImage(build.get(), mcu);
    }

    @Override
    public void main() {
        firmware.main(mcu);
    }

    @Override
    public void handle(int exc) {
        if (exc == Exceptions.SYSTICK) {
            firmware.sysTick(mcu);
        } else {
            firmware.interrupt(mcu, exc - Exceptions.IRQ0);
        }
    }

    @Override
    public void hardFault() {
        firmware.hardFault(mcu);
    }
}
