package org.sysmodels.sensor.run;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.random.RandomStreams;
import org.sysmodels.sensor.host.SafetyFirmware;
import org.sysmodels.sensor.host.safety.Architecture;
import org.sysmodels.sensor.host.safety.Dtc;
import org.sysmodels.sensor.host.safety.SafetyParameters;
import org.sysmodels.sensor.model.McuConfig;
import org.sysmodels.sensor.model.bme280.Calibration;
import org.sysmodels.sensor.model.bme280.SensorSpec;
import org.sysmodels.sensor.model.core.CoreListener;
import org.sysmodels.sensor.model.core.ResetCause;
import org.sysmodels.sensor.model.io.DiagnosticPort;
import org.sysmodels.sensor.model.physical.Environment;

class RigSmokeTest {
    @Test
    void runs() {
        SafetyParameters p = SafetyParameters.defaults(Architecture.ONE_OUT_OF_TWO,
                List.of(new int[] {1, 0x76}, new int[] {2, 0x76}));
        Rig rig = new Rig(McuConfig.DEFAULT, Environment.standard(), List.of(
                new SensorPlacement(1, SensorSpec.at(0x76), Calibration.TYPICAL),
                new SensorPlacement(2, SensorSpec.at(0x76), Calibration.TYPICAL)), p, new RandomStreams(1));
        final SafetyFirmware[] fw = new SafetyFirmware[1];
        rig.mcu().listen((DiagnosticPort.Listener) (code, ch, now) ->
                System.out.println(now + " DTC " + Dtc.of(code) + " ch " + ch));
        rig.mcu().listen(new CoreListener() {
            @Override
            public void reset(ResetCause cause, long now) {
                System.out.println(now + " reset " + cause);
            }
            @Override
            public void hardFault(Throwable t, int exc, long now) {
                t.printStackTrace();
            }
        });
        long t0 = System.nanoTime();
        rig.run(() -> fw[0] = new SafetyFirmware(), 2_000_000_000L);
        System.out.println("cycles " + fw[0].cycles() + " wall " + (System.nanoTime() - t0) / 1e6 + " ms, events "
                + rig.scheduler().executed() + " actuator " + rig.mcu().gpio().get(0) + " measurements "
                + rig.sensor(0).measurements());
    }
}
