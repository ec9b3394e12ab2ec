package org.sysmodels.suite.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sysmodels.core.trace.ChromeTraceWriter;
import org.sysmodels.core.trace.TextLogWriter;
import org.sysmodels.core.trace.TraceLog;

/**
 * Writes a run's traces: each as Perfetto JSON and as a text log beside it. With one trace, {@code out.json} and
 * {@code out.txt}; with several, {@code out-<trace name>.json} and so on.
 */
public final class TraceOutput {

    /** The files written for one trace. */
    public record Written(String name, Path json, Path text, int events, long dropped, long jsonBytes,
                          long textBytes) {
    }

    private TraceOutput() {
    }

    public static List<Written> write(List<TraceLog> traces, Path requested) throws IOException {
        List<Written> out = new ArrayList<>();
        String file = requested.getFileName().toString();
        String stem = file.endsWith(".json") ? file.substring(0, file.length() - 5) : file;
        for (TraceLog t : traces) {
            String base = traces.size() == 1 ? stem : stem + "-" + safe(t.name());
            Path json = requested.resolveSibling(base + ".json");
            Path text = requested.resolveSibling(base + ".txt");
            ChromeTraceWriter.write(t, json);
            TextLogWriter.write(t, text);
            out.add(new Written(t.name(), json, text, t.events().size(), t.dropped(), Files.size(json),
                    Files.size(text)));
        }
        return out;
    }

    static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
