// A starter RTIC-style firmware for `sim sensor-loop --firmware MyRticFirmware.java --style rtic`.
//
// Tasks are interrupt handlers run by the NVIC at their priority (RTIC's model): declare them with their period,
// WCET and the resources they lock; the framework binds each to a timer (TIM2..TIM5), computes resource ceilings,
// runs the response-time analysis and checks every measured response time against its bound. A lock raises
// BASEPRI to the resource's ceiling (the immediate priority ceiling protocol), so no task waits on a lock.

import org.sysmodels.sensor.host.rtic.Context;
import org.sysmodels.sensor.host.rtic.Resource;
import org.sysmodels.sensor.host.rtic.RticApp;
import org.sysmodels.sensor.host.rtic.Task;
import org.sysmodels.sensor.host.driver.Bme280Driver;
import org.sysmodels.sensor.host.safety.SafetyParameters;
import org.sysmodels.sensor.model.Mcu;
import org.sysmodels.sensor.model.bme280.Compensation;
import org.sysmodels.sensor.model.i2c.I2cStatus;
import org.sysmodels.sensor.model.io.Gpio;
import org.sysmodels.sensor.model.wdg.Iwdg;

public class MyRticFirmware extends RticApp {

    /** Shared between the tasks: the latest temperatures. */
    public static final class Readings {
        int[] centiC = new int[3];
    }

    private final Resource<Readings> readings = shared("readings", new Readings());
    private final Task sample = task("sample", 2).every(2_000_000).wcet(800_000).uses(readings, 10_000)
            .run(this::sample);
    private final Task decide = task("decide", 1).every(10_000_000).wcet(100_000).uses(readings, 10_000)
            .run(this::decide);

    private Bme280Driver[] sensors;
    private SafetyParameters p;

    @Override
    protected void init(Mcu mcu) {                                // #[init]: interrupts are masked here
        mcu.gpio().write(Gpio.ACTUATOR, false);
        mcu.iwdg().writeKr(Iwdg.KEY_UNLOCK);
        mcu.iwdg().writePr(0);
        mcu.iwdg().writeRlr(159);                                 // about 20 ms
        mcu.iwdg().writeKr(Iwdg.KEY_START);
        p = SafetyParameters.load(mcu.flash());
        sensors = new Bme280Driver[p == null ? 0 : p.channels()];
        for (int i = 0; i < sensors.length; i++) {
            mcu.i2c(p.busOf()[i]).setTimeout(300_000);
            sensors[i] = new Bme280Driver(mcu.i2c(p.busOf()[i]), mcu.core(), p.addressOf()[i],
                    Compensation.DATASHEET);
            mcu.iwdg().writeKr(Iwdg.KEY_RELOAD);
            sensors[i].init(1, 1, 0, 0, 0);                      // T x1, P x1, H off: a sample every ~6 ms
                                                                  // (see the bare-metal template)
        }
    }

    private void sample(Context cx) {                             // priority 2, every 2 ms
        cx.mcu().iwdg().writeKr(Iwdg.KEY_RELOAD);
        for (int i = 0; i < sensors.length; i++) {
            if (sensors[i].read() == I2cStatus.OK && sensors[i].fresh()) {
                int t = sensors[i].temperature();
                int ch = i;
                cx.lock(readings, r -> r.centiC[ch] = t);
                // TODO plausibility checks, stale data, bus clear (see the bare-metal template)
            }
        }
    }

    private void decide(Context cx) {                             // priority 1, every 10 ms
        boolean[] trip = {p == null};
        cx.lock(readings, r -> {
            for (int i = 0; i < sensors.length; i++) {
                trip[0] |= r.centiC[i] > p.tripCentiC();
            }
        });
        // TODO compare the channels; go to a latched safe state on a lasting disagreement
        cx.work(2_000);
        cx.mcu().gpio().write(Gpio.ACTUATOR, !trip[0]);
    }
}
