package org.sysmodels.sensor.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.sensor.model.physical.Environment;
import org.sysmodels.sensor.model.physical.Signal;

/**
 * Turns a scenario's {@link SignalSpec}s into {@link Signal}s, reading CSV recordings: a header line naming the
 * columns, the first column the time in seconds, then one row per sample ({@code time,temperature,pressure,humidity}).
 * A name starting with {@code resource:} is a recording packaged with sysmodels; any other relative name is looked for
 * next to the scenario file first (as a scenario moved with its recordings still finds them), then in the working
 * directory.
 */
public final class Signals {

    private Signals() {
    }

    /** The environment; {@code base} is the scenario file's directory (null for a packaged scenario). */
    public static Environment environment(EnvironmentSpec e, long seed, Path base) throws UserInputException {
        return new Environment(of(e.temperature(), "environment.temperature", seed, base,
                        PhysicalQuantity.TEMPERATURE),
                of(e.pressure(), "environment.pressure", seed + 1, base, PhysicalQuantity.PRESSURE),
                of(e.humidity(), "environment.humidity", seed + 2, base, PhysicalQuantity.HUMIDITY));
    }

    /** One input's signal, refusing a recorded value outside physics for {@code quantity}. */
    public static Signal of(SignalSpec s, String field, long seed, Path base, PhysicalQuantity quantity)
            throws UserInputException {
        Signal signal;
        if (s.constant() != null) {
            signal = new Signal.Constant(s.constant());
        } else if (s.points() != null) {
            long[] t = new long[s.points().size()];
            double[] v = new double[t.length];
            for (int i = 0; i < t.length; i++) {
                t[i] = s.points().get(i).at();
                v[i] = s.points().get(i).value();
            }
            signal = new Signal.Piecewise(t, v);
        } else {
            signal = csv(s.csv(), s.column(), field, base, quantity);
        }
        if (s.noise() != null && s.noise() > 0) {
            long interval = s.noiseInterval() == null ? 10_000_000L : s.noiseInterval();
            return new Signal.Noisy(signal, s.noise(), interval, seed);
        }
        return signal;
    }

    /**
     * A column of a CSV recording as a piecewise-linear signal, refusing a value outside physics for {@code quantity}
     * (null: any value); {@code base} as for {@link #environment}.
     */
    public static Signal.Piecewise csv(String name, String column, String field, Path base, PhysicalQuantity quantity)
            throws UserInputException {
        String text;
        if (name.startsWith("resource:")) {
            String res = "/org/sysmodels/sensor/scenario/" + name.substring("resource:".length());
            try (InputStream in = Signals.class.getResourceAsStream(res)) {
                if (in == null) {
                    throw new UserInputException(field + ".csv: no packaged recording named " + name);
                }
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UserInputException(field + ".csv: cannot read " + name + ": " + e.getMessage(), e);
            }
        } else {
            Path file;
            try {
                file = locate(name, base);
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new UserInputException(field + ".csv: " + name + ": no such file" + (base == null
                        || Path.of(name).isAbsolute() ? "" : " (looked next to the scenario, in " + base
                        + ", and in the working directory)"));
            } catch (IOException | RuntimeException e) {
                throw new UserInputException(field + ".csv: cannot read " + name + ": " + e.getMessage(), e);
            }
        }
        return parseCsv(text, name, column, quantity);
    }

    /** {@code name} next to the scenario ({@code base}) if it is there or nowhere else, else in the working directory.
     */
    private static Path locate(String name, Path base) {
        Path p = Path.of(name);
        if (base == null || p.isAbsolute()) {
            return p;
        }
        Path beside = base.resolve(p);
        return Files.exists(beside) || !Files.exists(p) ? beside : p;
    }

    /** Parses recording text; errors name the file and line. */
    public static Signal.Piecewise parseCsv(String text, String name, String column) throws UserInputException {
        return parseCsv(text, name, column, null);
    }

    /**
     * The same, refusing a value outside physics for {@code quantity} (null: any value) at its file:line:column.
     */
    public static Signal.Piecewise parseCsv(String text, String name, String column, PhysicalQuantity quantity)
            throws UserInputException {
        List<String> lines = text.lines().toList();
        int headerAt = 0;
        while (headerAt < lines.size() && (lines.get(headerAt).isBlank() || lines.get(headerAt).startsWith("#"))) {
            headerAt++;
        }
        if (headerAt == lines.size()) {
            throw new UserInputException(name + ": empty recording; expected a header such as time,temperature");
        }
        String[] header = lines.get(headerAt).split(",");
        int col = -1;
        for (int i = 1; i < header.length; i++) {
            if (header[i].strip().equals(column)) {
                col = i;
            }
        }
        if (col < 0) {
            throw new UserInputException(name + ":" + (headerAt + 1) + ": no column \"" + column + "\"; columns after "
                    + "the time: " + String.join(", ", List.of(header).subList(1, header.length)));
        }
        List<long[]> times = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        long last = Long.MIN_VALUE;
        for (int n = headerAt + 1; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split(",");
            if (cells.length <= col) {
                throw new UserInputException(name + ":" + (n + 1) + ": " + cells.length + " cells, the header has "
                        + header.length);
            }
            long t;
            double v;
            try {
                t = Math.round(Double.parseDouble(cells[0].strip()) * 1e9);
                v = Double.parseDouble(cells[col].strip());
            } catch (NumberFormatException e) {
                throw new UserInputException(name + ":" + (n + 1) + ": not a number: " + line.strip());
            }
            if (quantity != null && !quantity.physical(v)) {
                int at = 0;
                for (int i = 0; i < col; i++) {
                    at += cells[i].length() + 1;
                }
                at += cells[col].length() - cells[col].stripLeading().length();
                throw new UserInputException(name + ":" + (n + 1) + ":" + (at + 1) + ": column " + column + ": "
                        + quantity.problem(v));
            }
            if (t < 0 || t < last) {
                throw new UserInputException(name + ":" + (n + 1) + ": times must be ≥ 0 and must not decrease");
            }
            last = t;
            times.add(new long[] {t});
            values.add(v);
        }
        if (times.isEmpty()) {
            throw new UserInputException(name + ": no samples after the header");
        }
        long[] t = new long[times.size()];
        double[] v = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = times.get(i)[0];
            v[i] = values.get(i);
        }
        return new Signal.Piecewise(t, v);
    }
}
