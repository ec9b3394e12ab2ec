package org.sysmodels.sensor.run;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.option.OptionSpec;
import org.sysmodels.core.option.Options;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.run.Table;
import org.sysmodels.core.system.Subcommand;
import org.sysmodels.sensor.model.bme280.Calibration;
import org.sysmodels.sensor.scenario.Hex;

/**
 * {@code sim sensor-loop bme280 --calib HEX --adc T,P,H}: decodes a real part's calibration dump and raw readings with
 * both integer compensations and the data sheet's floating-point one, so a student can check the numbers their own
 * sensor gives against both references.
 */
public final class Bme280Command implements Subcommand {

    public static final OptionSpec<String> CALIB = OptionSpec.text("--calib", "HEX",
            "The calibration dump as hex: 33 bytes (registers 0x88-0xA1, then 0xE1-0xE7), 96 bytes (0x88-0xE7) or "
                    + "26 bytes (0x88-0xA1, no humidity). Spaces, commas, colons and 0x are ignored.");
    public static final OptionSpec<String> ADC = OptionSpec.text("--adc", "T,P,H",
            "Raw readings adc_T[,adc_P[,adc_H]], decimal or 0x hex.");
    public static final OptionSpec<String> DATA = OptionSpec.text("--data", "HEX",
            "The 8-byte data burst read from 0xF7-0xFE, instead of --adc.");

    @Override
    public String name() {
        return "bme280";
    }

    @Override
    public String title() {
        return "Decode a real BME280's calibration dump and raw readings with both integer compensations";
    }

    @Override
    public String description() {
        return "Prints the calibration parameters with their types (BST-BME280-DS001 Table 16, H4 and H5 as signed "
                + "12-bit values sharing register 0xE5) and the temperature, pressure and humidity that the data "
                + "sheet's integer formulas (§4.2.3), Bosch's BME280_SensorAPI and the data sheet's floating-point "
                + "formulas (§8.1) compute from the raw readings. The two integer variants differ below about 0 °C "
                + "and whenever dig_T3 < 0.";
    }

    @Override
    public List<OptionSpec<?>> options() {
        return List.of(CALIB, ADC, DATA);
    }

    @Override
    public int run(Options options, PrintWriter out, PrintWriter err) throws UserInputException {
        RunResult r = decode(options);
        r.summary().forEach(out::println);
        for (Table t : r.tables()) {
            out.println();
            print(t, out);
        }
        out.flush();
        return 0;
    }

    /** The decoder's report for the given flags, or a usage error naming the flag at fault. */
    public static RunResult decode(Options o) throws UserInputException {
        if (!o.has(CALIB)) {
            throw new UserInputException("--calib HEX is required: the calibration bytes 0x88-0xA1 then 0xE1-0xE7, "
                    + "as hex");
        }
        if (o.has(ADC) == o.has(DATA)) {
            throw new UserInputException("give the raw readings with exactly one of --adc T,P,H or --data HEX (the "
                    + "8-byte burst from 0xF7)");
        }
        Calibration cal;
        byte[] dump;
        try {
            dump = Hex.parse(o.get(CALIB).orElseThrow());
            cal = Bme280Decoder.calibration(dump);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--calib: " + e.getMessage());
        }
        int[] adc;
        try {
            adc = o.has(ADC) ? Bme280Decoder.adc(o.get(ADC).orElseThrow())
                    : Bme280Decoder.burst(Hex.parse(o.get(DATA).orElseThrow()));
        } catch (IllegalArgumentException e) {
            throw new UserInputException((o.has(ADC) ? "--adc: " : "--data: ") + e.getMessage());
        }
        return Bme280Decoder.decode(cal, adc, dump.length != 26);
    }

    /** A table as aligned text columns. */
    static void print(Table t, PrintWriter out) {
        int[] w = new int[t.header().size()];
        List<List<String>> all = new ArrayList<>();
        all.add(t.header());
        all.addAll(t.rows());
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                w[i] = Math.max(w[i], row.get(i).length());
            }
        }
        out.println(t.title());
        for (List<String> row : all) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                s.append(i == 0 ? "  " : "  ").append(row.get(i));
                if (i < row.size() - 1) {
                    s.append(" ".repeat(w[i] - row.get(i).length()));
                }
            }
            out.println(s);
        }
    }
}
