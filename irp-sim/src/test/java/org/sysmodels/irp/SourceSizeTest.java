package org.sysmodels.irp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** DESIGN.md, after xv6: one concept per file, short files; the limit kept is 400 lines. */
class SourceSizeTest {

    private static final int MAX_LINES = 400;

    @Test
    void noMainSourceFileIsLongerThan400Lines() throws IOException {
        List<String> tooLong;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            tooLong = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> lines(p) > MAX_LINES)
                    .map(p -> p.getFileName() + ": " + lines(p) + " lines")
                    .toList();
        }
        assertEquals(List.of(), tooLong, "split a coherent job out of each into a small class of its own");
    }

    private static long lines(Path p) {
        try (Stream<String> s = Files.lines(p)) {
            return s.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
