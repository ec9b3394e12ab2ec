package org.sysmodels.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * DESIGN.md, after xv6: one concept per file, short files. Each module's {@code SourceSizeTest} asks this for its
 * main sources longer than the limit kept, 400 lines, and expects none.
 */
public final class SourceSize {

    public static final int MAX_LINES = 400;

    /** What a module's test says when a file is too long. */
    public static final String ADVICE = "split a coherent job out of each into a small class of its own";

    private SourceSize() {
    }

    /** The {@code .java} files under {@code root} longer than {@link #MAX_LINES}, as "Name.java: N lines". */
    public static List<String> tooLong(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> lines(p) > MAX_LINES)
                    .map(p -> p.getFileName() + ": " + lines(p) + " lines")
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long lines(Path p) {
        try (Stream<String> s = Files.lines(p)) {
            return s.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
