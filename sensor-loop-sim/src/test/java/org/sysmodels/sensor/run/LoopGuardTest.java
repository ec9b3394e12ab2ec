package org.sysmodels.sensor.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sysmodels.core.student.JavaStudentCode;

/** Every loop shape gets its guard, the file still compiles, and each line keeps its number. */
class LoopGuardTest {

    static final String SOURCE = """
            import org.sysmodels.sensor.host.Firmware;
            import org.sysmodels.sensor.model.Mcu;

            public class Shapes implements Firmware {
                int n;

                @Override
                public void main(Mcu mcu) {
                    int x;
                    while (true) { x = 1; break; }
                    n += x;
                    for (int i = 0; i < 3; i++) n++;
                    for (int v : new int[] {1, 2}) n += v;
                    do n--; while (n > 100);
                    outer:
                    for (int i = 0; i < 2; i++) for (int j = 0; j < 2; j++) { if (j == 1) continue outer; n++; }
                    if (n > 0) while (n > 50) n--; else n = 1;
                    for (;;) ;
                }
            }
            """;

    @Test
    void everyLoopShapeIsGuardedOnItsOwnLine(@TempDir Path dir) throws Exception {
        String guarded = LoopGuard.guard(SOURCE);
        assertEquals(SOURCE.lines().count(), guarded.lines().count(), "no line added or removed");
        int calls = guarded.split("SpinBudget\\.backEdge\\(\\)", -1).length - 1;
        assertEquals(8, calls, guarded);
        String[] before = SOURCE.split("\n");
        String[] after = guarded.split("\n");
        for (int i = 0; i < before.length; i++) {
            String kept = after[i].replace("{org.sysmodels.sensor.model.core.SpinBudget.backEdge();", "")
                    .replaceAll("[{}]", "");
            assertEquals(before[i].replaceAll("[{}]", ""), kept, "line " + (i + 1) + " keeps its code: " + after[i]);
        }
        Path f = dir.resolve("Shapes.java");
        Files.writeString(f, SOURCE);
        JavaStudentCode code = LoopGuard.compile(f);
        assertEquals("Shapes.java", code.fileName());
        assertTrue(org.sysmodels.sensor.host.Firmware.class.isAssignableFrom(code.mainClass()));
    }
}
