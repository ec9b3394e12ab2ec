package org.sysmodels.sensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.testing.SourceSize;

/** DESIGN.md, after xv6: short files; no main source longer than {@link SourceSize#MAX_LINES} lines. */
class SourceSizeTest {

    @Test
    void noMainSourceFileIsLongerThan400Lines() {
        assertEquals(List.of(), SourceSize.tooLong(Path.of("src/main/java")), SourceSize.ADVICE);
    }
}
