package org.sysmodels.sensor.scenario;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;
import org.sysmodels.core.scenario.DurationDeserializer;
import org.sysmodels.core.scenario.InvalidFieldException;
import org.sysmodels.core.scenario.Range;

/**
 * A physical input in a scenario: exactly one of a constant, a list of points (straight lines between them: ramps and
 * steps), or a CSV recording ({@code "csv": "file.csv", "column": "temperature"}, first column the time in seconds),
 * optionally with process noise added.
 *
 * <pre>{"constant": 25}
 * {"points": [{"at": "0s", "value": 25}, {"at": "1s", "value": 25}, {"at": "3s", "value": 95}]}
 * {"csv": "recording.csv", "column": "temperature", "noise": 0.05, "noiseInterval": "10ms"}</pre>
 */
public record SignalSpec(Double constant, List<Point> points, String csv, String column,
                         @Range(min = 0) Double noise,
                         @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 1) Long noiseInterval) {

    /** One point of a profile. */
    public record Point(@JsonDeserialize(using = DurationDeserializer.class) @Range(min = 0) Long at, Double value) {
        public Point {
            if (at == null) {
                throw new InvalidFieldException("at", "required: the time of the point, e.g. \"1.5s\"");
            }
            if (value == null) {
                throw new InvalidFieldException("value", "required: the value at that time");
            }
        }
    }

    public SignalSpec {
        int given = (constant != null ? 1 : 0) + (points != null ? 1 : 0) + (csv != null ? 1 : 0);
        if (given != 1) {
            throw new InvalidFieldException("constant", "give exactly one of constant, points or csv");
        }
        if (points != null) {
            if (points.isEmpty()) {
                throw new InvalidFieldException("points", "needs at least one point");
            }
            for (int i = 1; i < points.size(); i++) {
                if (points.get(i).at() < points.get(i - 1).at()) {
                    throw new InvalidFieldException("points[" + i + "].at", "times must not decrease");
                }
            }
            points = List.copyOf(points);
        }
        if (csv != null && csv.isBlank()) {
            throw new InvalidFieldException("csv", "an empty file name: give a CSV file's path, or resource:NAME for a "
                    + "packaged recording");
        }
        if (csv != null && (column == null || column.isBlank())) {
            throw new InvalidFieldException("column", "required with csv: the name of the column to read");
        }
    }

    public static SignalSpec of(double value) {
        return new SignalSpec(value, null, null, null, null, null);
    }
}
