package org.sysmodels.core.run;

import java.util.List;

/**
 * A chart a run asks for, as data: the suite draws it (PNG) for the report. {@code id} names the file
 * ("iops-vs-qd" → iops-vs-qd.png).
 */
public record Plot(String id, String title, String xLabel, String yLabel, Kind kind, boolean logX, boolean logY,
                   List<Series> series) {

    public enum Kind {
        LINE,
        SCATTER,
        STEP,
        BAR
    }

    public Plot {
        series = List.copyOf(series);
    }

    public static Plot line(String id, String title, String xLabel, String yLabel, Series... series) {
        return new Plot(id, title, xLabel, yLabel, Kind.LINE, false, false, List.of(series));
    }
}
