package org.sysmodels.core.scenario;

/**
 * One thing wrong with a scenario file, located like a compiler error so editors can jump to it:
 * {@code file:line:column: field.path: message}. Line and column are 1-based; 0 means unknown.
 */
public record Problem(String source, int line, int column, String field, String message) {

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(source);
        if (line > 0) {
            s.append(':').append(line);
            if (column > 0) {
                s.append(':').append(column);
            }
        }
        s.append(": ");
        if (!field.isEmpty()) {
            s.append(field).append(": ");
        }
        return s.append(message).toString();
    }
}
