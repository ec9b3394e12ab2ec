package org.sysmodels.sensor.host.reference;

import org.sysmodels.sensor.host.rtic.Context;
import org.sysmodels.sensor.host.rtic.Resource;
import org.sysmodels.sensor.host.rtic.RticApp;
import org.sysmodels.sensor.host.rtic.Task;
import org.sysmodels.sensor.host.safety.BusAccess;
import org.sysmodels.sensor.host.safety.ChannelMonitor;
import org.sysmodels.sensor.host.safety.Diagnostics;
import org.sysmodels.sensor.host.safety.Dtc;
import org.sysmodels.sensor.host.safety.SafetyParameters;
import org.sysmodels.sensor.host.safety.Voter;
import org.sysmodels.sensor.host.safety.WatchdogSetup;
import org.sysmodels.sensor.model.Mcu;
import org.sysmodels.sensor.model.io.Gpio;
import org.sysmodels.sensor.model.wdg.Iwdg;

/**
 * The reference safety function as an RTIC application: three hardware tasks and one shared resource.
 *
 * <pre>
 * sample   priority 3, every 2 ms, WCET 1.3 ms   read, check and vote the channels; clock cross-check; drive the
 *                                                actuator; refresh the watchdogs; locks `status` (20 µs) to publish
 *                                                the decision
 * log      priority 2, every 20 ms, WCET 1.5 ms  format telemetry (long, touches no resource)
 * selftest priority 1, every 20 ms, WCET 0.25 ms parameter CRC, inside a 150 µs lock of `status`
 * </pre>
 *
 * <p>{@code status}'s ceiling is 3 (sample locks it), so while selftest holds it BASEPRI masks sample and log alike:
 * sample waits at most one 150 µs critical section, which the response-time analysis counts as blocking. The offsets
 * put selftest's lock, log's release and sample's release close together every 20 ms, the worst case the analysis
 * assumes; the priority-inversion bug lab shows what the same timing does without the ceiling.
 */
@SuppressWarnings("this-escape")    // the declarations only record method references; nothing runs before main()
public class RticSafetyFirmware extends RticApp {

    /** What sample and selftest share. */
    public static final class Status {
        long checks;
        long published;
    }

    /** The sample task's period, which is also the window watchdog's refresh period. */
    public static final long SAMPLE_PERIOD_NS = 2_000_000;
    /** The sample task's worst-case execution time, as the response-time analysis takes it. */
    public static final long SAMPLE_WCET_NS = 1_300_000;

    protected final Resource<Status> status = shared("status", new Status());
    protected final Task sample = task("sample", 3).every(SAMPLE_PERIOD_NS).wcet(SAMPLE_WCET_NS).uses(status, 20_000)
            .run(this::sample);
    protected final Task log = task("log", 2).every(20_000_000, 1_950_000).wcet(1_500_000).run(this::log);
    protected final Task selftest = task("selftest", 1).every(20_000_000, 1_900_000).wcet(250_000)
            .uses(status, 150_000).run(this::selftest);

    private SafetyFunction function;
    private Diagnostics diag;
    private SafetyParameters params;
    private WatchdogSetup.Window window;
    private long samples;

    @Override
    protected void init(Mcu m) {
        m.gpio().write(Gpio.ACTUATOR, false);
        diag = new Diagnostics(m.diagnostics());
        int[] prRl = WatchdogSetup.independent(m.config().lsi(), 20_000_000L);
        m.iwdg().writeKr(Iwdg.KEY_UNLOCK);
        m.iwdg().writePr(prRl[0]);
        m.iwdg().writeRlr(prRl[1]);
        m.iwdg().writeKr(Iwdg.KEY_START);
        params = SafetyParameters.load(m.flash());
        if (params == null) {
            diag.report(Dtc.PARAM_CRC, -1);
            m.gpio().write(Gpio.FAULT_LAMP, true);
            params = null;
            return;
        }
        function = new SafetyFunction(m, params, diag, () -> new ChannelMonitor(params, m.now()), voter(params),
                busAccess());
        for (int i = 0; i < function.channels(); i++) {
            m.iwdg().writeKr(Iwdg.KEY_RELOAD);
            function.initChannel(i);
        }
        m.lptim().start();
        window = WatchdogSetup.window(m.core().clock().nominalHz(), sample.periodNs());
        m.wwdg().writeCfr(window.window(), window.timerBase(), false);
        m.wwdg().writeCr(0x80 | window.counter());
    }

    /** A bug lab may replace the voter. */
    protected Voter voter(SafetyParameters p) {
        return Voter.of(p);
    }

    /** A bug lab may replace the bus access. */
    protected BusAccess busAccess() {
        return new BusAccess();
    }

    private void sample(Context cx) {
        Mcu m = cx.mcu();
        m.iwdg().writeKr(Iwdg.KEY_RELOAD);
        if (function == null) {
            return;
        }
        m.wwdg().writeCr(window.counter());
        samples++;
        function.clockCheck(samples * 2);     // first: the LSI is read at a fixed offset from the release
        function.readChannels();
        function.vote();
        cx.lock(status, s -> s.published++);
        function.output();
        deadlineCheck(cx);
    }

    private void log(Context cx) {
        cx.work(cx.mcu().core().clock().cycles(1_400_000));
        deadlineCheck(cx);
    }

    /**
     * Temporal monitoring of every task (the bare-metal loop's overrun check, per task): an instance that finishes
     * past its deadline broke the timing the safety analysis rests on, so the function goes safe.
     */
    private void deadlineCheck(Context cx) {
        if (function != null && cx.late()) {
            diag.report(Dtc.DEADLINE, -1);
            function.enterSafeState();
        }
    }

    private void selftest(Context cx) {
        if (function == null) {
            return;
        }
        cx.lock(status, s -> {
            s.checks++;
            function.selfTest();
            cx.work(cx.mcu().core().clock().cycles(100_000));
        });
        deadlineCheck(cx);
    }

    public SafetyFunction function() {
        return function;
    }
}
