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
 * Writes a run's traces: each as Perfetto JSON and as a text log beside it. The JSON goes to the file named, whatever
 * its extension (Perfetto and chrome://tracing read the JSON by content, not by name); the text log takes the same
 * name with {@code .txt} for its extension, or {@code .log} when the name given already ends in {@code .txt}. So
 * {@code out.json} gives {@code out.json} and {@code out.txt}, {@code out.txt} gives {@code out.txt} and {@code
 * out.log}. With several traces, each name gains {@code -<trace name>} before its extension. The command prints the
 * files it wrote.
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
        int dot = file.lastIndexOf('.');
        String stem = dot > 0 ? file.substring(0, dot) : file;
        String extension = dot > 0 ? file.substring(dot) : "";
        String textExtension = extension.equals(".txt") ? ".log" : ".txt";
        for (TraceLog t : traces) {
            String base = traces.size() == 1 ? stem : stem + "-" + safe(t.name());
            Path json = requested.resolveSibling(base + extension);
            Path text = requested.resolveSibling(base + textExtension);
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
