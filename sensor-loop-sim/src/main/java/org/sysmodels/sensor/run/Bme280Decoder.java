package org.sysmodels.sensor.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.sysmodels.core.run.RunResult;
import org.sysmodels.core.run.Table;
import org.sysmodels.sensor.model.bme280.Bme280Registers;
import org.sysmodels.sensor.model.bme280.Calibration;
import org.sysmodels.sensor.model.bme280.Compensation;
import org.sysmodels.sensor.model.bme280.FloatCompensation;

/**
 * {@code sim sensor-loop bme280 --calib HEX --adc T,P,H}: decodes a real part's calibration dump and raw readings with
 * both integer compensations (and the data sheet's floating-point one for reference), so a student can check the
 * numbers their own sensor gives. Every value says which variant produced it.
 */
public final class Bme280Decoder {

    private Bme280Decoder() {
    }

    /**
     * A calibration from a dump: 33 bytes (0x88–0xA1 then 0xE1–0xE7), 96 bytes (all of 0x88–0xE7) or 26 bytes
     * (0x88–0xA1 only: no humidity trimming, so humidity cannot be decoded).
     */
    public static Calibration calibration(byte[] b) {
        byte[] tp;
        byte[] h;
        switch (b.length) {
            case 33 -> {
                tp = Arrays.copyOfRange(b, 0, 26);
                h = Arrays.copyOfRange(b, 26, 33);
            }
            case 96 -> {
                tp = Arrays.copyOfRange(b, 0, 26);
                h = Arrays.copyOfRange(b, 0xE1 - 0x88, 0xE1 - 0x88 + 7);
            }
            case 26 -> {
                tp = b;
                h = new byte[7];
            }
            default -> throw new IllegalArgumentException(b.length + " bytes; give 33 (registers 0x88–0xA1 then "
                    + "0xE1–0xE7), 96 (0x88–0xE7) or 26 (0x88–0xA1)");
        }
        return Calibration.parse(tp, h);
    }

    /** Raw readings "T,P,H" (decimal or 0x hex; P and H optional). */
    public static int[] adc(String text) {
        String[] parts = text.split(",");
        if (parts.length < 1 || parts.length > 3) {
            throw new IllegalArgumentException("give adc_T[,adc_P[,adc_H]], e.g. 519888,415148,30000");
        }
        int[] v = {-1, -1, -1};
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].strip();
            boolean hex = p.startsWith("0x") || p.startsWith("0X");
            String digits = hex ? p.substring(2) : p;
            if (!digits.matches(hex ? "[0-9a-fA-F]+" : "[+-]?[0-9]+")) {
                throw new IllegalArgumentException("\"" + p + "\" is not a number; write it in decimal or as 0x hex");
            }
            int max = i == 2 ? 0xFFFF : 0xFFFFF;
            java.math.BigInteger n = new java.math.BigInteger(digits, hex ? 16 : 10);
            if (n.signum() < 0 || n.compareTo(java.math.BigInteger.valueOf(max)) > 0) {
                throw new IllegalArgumentException((i == 0 ? "adc_T" : i == 1 ? "adc_P" : "adc_H") + " = " + p
                        + " is outside " + (i == 2 ? "16" : "20") + " bits (0.." + max + ")");
            }
            v[i] = n.intValueExact();
        }
        return v;
    }

    /** The data burst 0xF7–0xFE (8 bytes) as adc_T, adc_P, adc_H. */
    public static int[] burst(byte[] b) {
        if (b.length != 8) {
            throw new IllegalArgumentException(b.length + " bytes; the data burst 0xF7–0xFE is 8 bytes");
        }
        return new int[] {(b[3] & 0xFF) << 12 | (b[4] & 0xFF) << 4 | (b[5] & 0xFF) >>> 4,
                (b[0] & 0xFF) << 12 | (b[1] & 0xFF) << 4 | (b[2] & 0xFF) >>> 4, (b[6] & 0xFF) << 8 | (b[7] & 0xFF)};
    }

    /** The decoder's report. */
    public static RunResult decode(Calibration c, int[] adc, boolean humidityKnown) {
        RunResult.Builder r = RunResult.builder("sensor-loop", "BME280 decoder", 0);
        List<List<String>> cal = new ArrayList<>();
        cal.add(row("dig_T1", "unsigned 16", "0x88/0x89", c.t1()));
        cal.add(row("dig_T2", "signed 16", "0x8A/0x8B", c.t2()));
        cal.add(row("dig_T3", "signed 16", "0x8C/0x8D", c.t3()));
        cal.add(row("dig_P1", "unsigned 16", "0x8E/0x8F", c.p1()));
        int[] p = {c.p2(), c.p3(), c.p4(), c.p5(), c.p6(), c.p7(), c.p8(), c.p9()};
        for (int i = 0; i < p.length; i++) {
            int reg = 0x90 + 2 * i;
            cal.add(row("dig_P" + (i + 2), "signed 16", String.format("0x%02X/0x%02X", reg, reg + 1), p[i]));
        }
        cal.add(row("dig_H1", "unsigned 8", "0xA1", c.h1()));
        cal.add(row("dig_H2", "signed 16", "0xE1/0xE2", c.h2()));
        cal.add(row("dig_H3", "unsigned 8", "0xE3", c.h3()));
        cal.add(row("dig_H4", "signed 12", "0xE4[7:0]·16 + 0xE5[3:0]", c.h4()));
        cal.add(row("dig_H5", "signed 12", "0xE6[7:0]·16 + 0xE5[7:4]", c.h5()));
        cal.add(row("dig_H6", "signed 8", "0xE7", c.h6()));
        r.table(new Table("calibration (BST-BME280-DS001 Table 16)", List.of("parameter", "type", "registers",
                "value"), cal));
        boolean tSkipped = adc[0] == Bme280Registers.SKIPPED_20;
        String pSkipped = adc[1] < 0 ? "-" : adc[1] == Bme280Registers.SKIPPED_20 ? "skipped (0x80000)" : null;
        String hSkipped = adc[2] < 0 || !humidityKnown ? "-"
                : adc[2] == Bme280Registers.SKIPPED_16 ? "skipped (0x8000)" : null;
        List<List<String>> out = new ArrayList<>();
        for (Compensation v : List.of(Compensation.DATASHEET, Compensation.BOSCH_API)) {
            if (tSkipped) {
                out.add(List.of(v.name(), "-", "skipped (0x80000)", "-", "-"));
                continue;
            }
            int tFine = v.tFine(c, adc[0]);
            int t = v.temperature(tFine);
            String pressure = pSkipped != null ? pSkipped : String.format(Locale.ROOT, "%.2f Pa (raw %d %s)",
                    v.pascals(v.pressure(c, adc[1], tFine)), v.pressure(c, adc[1], tFine), v.pressureUnit());
            String humidity = hSkipped != null ? hSkipped : String.format(Locale.ROOT, "%.3f %%RH (raw %d Q22.10)",
                    v.humidity(c, adc[2], tFine) / 1024.0, v.humidity(c, adc[2], tFine));
            out.add(List.of(v.name(), String.valueOf(tFine), String.format(Locale.ROOT, "%.2f °C", t / 100.0),
                    pressure, humidity));
        }
        if (tSkipped) {
            out.add(List.of("float (DS §8.1)", "-", "skipped (0x80000)", "-", "-"));
        } else {
            double ft = FloatCompensation.tFine(c, adc[0]);
            out.add(List.of("float (DS §8.1)", String.format(Locale.ROOT, "%.2f", ft),
                    String.format(Locale.ROOT, "%.4f °C", FloatCompensation.temperature(ft)),
                    pSkipped != null ? pSkipped : String.format(Locale.ROOT, "%.2f Pa",
                            FloatCompensation.pressure(c, adc[1], ft)),
                    hSkipped != null ? hSkipped : String.format(Locale.ROOT, "%.3f %%RH",
                            Math.max(0, Math.min(100, FloatCompensation.humidity(c, adc[2], ft))))));
        }
        r.table(new Table("compensated (adc_T " + adc[0] + (adc[1] >= 0 ? ", adc_P " + adc[1] : "")
                + (adc[2] >= 0 ? ", adc_H " + adc[2] : "") + ")", List.of("variant", "t_fine", "temperature",
                "pressure", "humidity"), out));
        if (tSkipped) {
            r.summary("adc_T = 0x80000: the temperature measurement was skipped (osrs_t = 000, or no measurement "
                    + "since reset; BST-BME280-DS001 Tables 20, 23, 24), and pressure and humidity need its t_fine: "
                    + "nothing to compensate");
        } else {
            int a = Compensation.DATASHEET.tFine(c, adc[0]);
            int b = Compensation.BOSCH_API.tFine(c, adc[0]);
            r.summary(a == b ? "both integer variants give t_fine " + a
                    : "the variants differ: t_fine " + a + " (data sheet, >>) vs " + b + " (Bosch driver, /): C "
                    + "division rounds towards zero, an arithmetic shift towards minus infinity");
        }
        if (adc[1] == Bme280Registers.SKIPPED_20 || (humidityKnown && adc[2] == Bme280Registers.SKIPPED_16)) {
            r.summary("0x80000 (pressure) and 0x8000 (humidity) are what a skipped measurement reads "
                    + "(BST-BME280-DS001 Tables 20, 23, 24): not compensated");
        }
        if (!humidityKnown) {
            r.summary("humidity not decoded: the dump had no 0xE1–0xE7 block");
        }
        return r.build();
    }

    private static List<String> row(String name, String type, String regs, int v) {
        return List.of(name, type, regs, String.valueOf(v));
    }
}
