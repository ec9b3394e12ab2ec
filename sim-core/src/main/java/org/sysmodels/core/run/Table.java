package org.sysmodels.core.run;

import java.util.List;

/** A small table of results for the console and the report, e.g. IOPS and latency per queue depth. */
public record Table(String title, List<String> header, List<List<String>> rows) {

    public Table {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
        for (List<String> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("table " + title + ": row " + row + " has " + row.size()
                        + " cells, header has " + header.size());
            }
        }
    }
}
