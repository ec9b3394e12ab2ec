package org.sysmodels.sensor;

import java.util.List;
import org.sysmodels.core.option.OptionSpec;
import org.sysmodels.sensor.check.FaultClass;

/** The sensor loop's own flags, as data (the suite turns them into command-line options). */
public final class SensorLoopFlags {

    public static final OptionSpec<String> ARCHITECTURE = OptionSpec.choice("--architecture", "ARCH",
            List.of("1oo1", "1oo2", "2oo3"), "voting architecture (default: the scenario's, 1oo2)");
    public static final OptionSpec<String> STYLE = OptionSpec.choice("--style", "STYLE",
            List.of("bare-metal", "rtic"), "reference firmware style: a main loop with SysTick, or RTIC tasks");
    public static final OptionSpec<String> COMPENSATION = OptionSpec.choice("--compensation", "VARIANT",
            List.of("datasheet", "bosch-api"), "BME280 integer compensation: the data sheet's or Bosch's driver's");
    public static final OptionSpec<Long> DURATION = OptionSpec.duration("--duration", "TIME", 10_000_000L,
            3_600_000_000_000L, "simulated time, e.g. 2s");
    public static final OptionSpec<Long> FTTI = OptionSpec.duration("--ftti", "TIME", 1_000_000L, 60_000_000_000L,
            "fault tolerant time interval the run is judged by, e.g. 100ms");
    public static final OptionSpec<String> INJECT = OptionSpec.text("--inject", "KIND[@TIME][:TARGET],...",
            "inject faults, e.g. sensor-stuck@500ms:sensor1,i2c-bus-hang@1s:i2c1; kinds: "
                    + String.join(", ", FaultClass.kinds()));
    public static final OptionSpec<Long> CAMPAIGN = OptionSpec.count("--campaign", "N", 1, 1_000_000,
            "run a fault campaign of N faults (one per short run) and report diagnostic coverage per class");
    public static final OptionSpec<String> CLASSES = OptionSpec.text("--classes", "KIND,...",
            "fault classes of a campaign (default: all)");
    public static final OptionSpec<Integer> THREADS = OptionSpec.integer("--threads", "N", 1, 64,
            "threads for a campaign (results do not depend on it; default 2)");
    public static final OptionSpec<String> CALIB = OptionSpec.text("--calib", "HEX",
            "decode a BME280 calibration dump (33 bytes: 0x88-0xA1 then 0xE1-0xE7; or 96 bytes 0x88-0xE7) instead "
                    + "of running; use with --adc or --data");
    public static final OptionSpec<String> ADC = OptionSpec.text("--adc", "T,P,H",
            "raw readings to decode with --calib (adc_T[,adc_P[,adc_H]], decimal or 0x hex)");
    public static final OptionSpec<String> DATA = OptionSpec.text("--data", "HEX",
            "the 8-byte data burst 0xF7-0xFE to decode with --calib (instead of --adc)");

    public static final List<OptionSpec<?>> ALL = List.of(ARCHITECTURE, STYLE, COMPENSATION, DURATION, FTTI, INJECT,
            CAMPAIGN, CLASSES, THREADS, CALIB, ADC, DATA);

    private SensorLoopFlags() {
    }
}
