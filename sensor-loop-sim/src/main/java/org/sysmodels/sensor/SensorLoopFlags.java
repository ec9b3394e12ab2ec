package org.sysmodels.sensor;

import java.util.List;
import org.sysmodels.core.option.OptionSpec;
import org.sysmodels.sensor.check.FaultClass;

/** The sensor loop's own flags, as data (the suite turns them into command-line options). */
public final class SensorLoopFlags {

    public static final OptionSpec<String> ARCHITECTURE = OptionSpec.choice("--architecture", "ARCH",
            List.of("1oo1", "1oo2", "2oo3"), "Voting architecture: 1oo1, 1oo2 or 2oo3 (one sensor per channel).")
            .withDefault("the scenario's, 1oo2");
    public static final OptionSpec<String> STYLE = OptionSpec.choice("--style", "STYLE",
            List.of("bare-metal", "rtic"), "Reference firmware: a main loop woken by SysTick, or RTIC tasks under "
                    + "the priority ceiling protocol.").withDefault("the scenario's, bare-metal");
    public static final OptionSpec<String> COMPENSATION = OptionSpec.choice("--compensation", "VARIANT",
            List.of("datasheet", "bosch-api"), "BME280 integer compensation: the data sheet's formulas or Bosch's "
                    + "driver's.").withDefault("datasheet");
    public static final OptionSpec<Long> DURATION = OptionSpec.duration("--duration", "TIME", 10_000_000L,
            3_600_000_000_000L, "Simulated time, with a unit, e.g. 2s.").withDefault("the scenario's");
    public static final OptionSpec<Long> FTTI = OptionSpec.duration("--ftti", "TIME", 1_000_000L, 60_000_000_000L,
            "Fault tolerant time interval every fault is judged by, e.g. 100ms.").withDefault("100ms");
    public static final OptionSpec<String> INJECT = OptionSpec.text("--inject", "KIND[@TIME][:TARGET],...",
            "Faults to inject, e.g. sensor-stuck@500ms:sensor1,i2c-bus-hang@1s:i2c1 (time 1s and target * when "
                    + "left out). Kinds: " + String.join(", ", FaultClass.kinds()) + ".");
    public static final OptionSpec<Long> CAMPAIGN = OptionSpec.count("--campaign", "N", 1, 1_000_000,
            "Run a fault campaign of N faults, one per short run, and report diagnostic coverage per fault class "
                    + "with IEC 61508 levels. With --grade: faults in the grading campaign.");
    public static final OptionSpec<String> CLASSES = OptionSpec.text("--classes", "KIND,...",
            "Fault classes of a campaign.").withDefault("all");
    public static final OptionSpec<Integer> THREADS = OptionSpec.integer("--threads", "N", 1, 64,
            "Threads a campaign runs on; the results do not depend on it.").withDefault("2");
    public static final List<OptionSpec<?>> ALL = List.of(ARCHITECTURE, STYLE, COMPENSATION, DURATION, FTTI, INJECT,
            CAMPAIGN, CLASSES, THREADS);

    private SensorLoopFlags() {
    }
}
