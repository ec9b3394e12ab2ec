package org.sysmodels.compositor.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sysmodels.core.scenario.InvalidFieldException;
import org.sysmodels.core.scenario.ScenarioException;
import org.sysmodels.core.scenario.ScenarioLoader;

/**
 * A display or buffers too large to simulate are refused before anything is allocated, at their field, with the
 * size asked, the memory it takes and the limit (they used to be accepted and the run died of an OutOfMemoryError).
 * Nothing here allocates a buffer: a refusal happens in the scenario's constructor.
 */
class PixelBudgetTest {

    static String refused(String json) {
        return assertThrows(ScenarioException.class, () -> ScenarioLoader.read("big.json", json,
                CompositorScenario.class)).getMessage();
    }

    /** A 54000×120000 display, as a program scaling a packaged scenario asks for it: refused at width. */
    @Test
    void aHugeDisplayIsRefusedBeforeAllocating() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class,
                () -> Scenarios.load("home-screen").scaled(100));
        assertEquals("width", e.field());
        assertTrue(e.getMessage().contains("a 54000×120000 display (24,720 MiB a buffer at 4 bytes a pixel) is "
                + "larger than SurfaceFlinger accepts: at most 8192 pixels a side"), e.getMessage());
    }

    /** The same asked in a scenario file: refused at width, where it is written, with the memory it takes. */
    @Test
    void aHugeDisplayInAFileIsRefusedWhereItIsWritten() {
        String e = refused("""
                {"width": 100000, "height": 100000, "layers": [
                  {"name": "app", "app": "LAUNCHER", "frame": {"x": 0, "y": 0, "w": 540, "h": 1200}}]}
                """);
        assertTrue(e.startsWith("big.json:1:11: width: "), e);
        assertTrue(e.contains("a 100000×100000 display (38,147 MiB a buffer at 4 bytes a pixel)"), e);
    }

    /** A layer whose frame (and so its default buffer) is 16384 wide is refused at the frame's width. */
    @Test
    void aLayerBufferLargerThanATextureIsRefusedAtItsField() {
        String e = refused("""
                {"layers": [{"name": "app", "app": "LAUNCHER", "frame": {"x": 0, "y": 0, "w": 16384, "h": 100}}]}
                """);
        assertTrue(e.contains("layers[0].frame.w") && e.contains("a 16384×100 buffer (the frame's size by "
                + "default) (7 MiB a buffer at 4 bytes a pixel)") && e.contains("at most 8192 pixels a side"), e);
    }

    /**
     * Every side within a texture's limit, but 32 full-screen triple-buffered layers on an 8192×8192 display: 25 GiB
     * of buffers, refused at layers with the total, its parts and the budget.
     */
    @Test
    void buffersAboveTheBudgetAreRefusedWithTheirTotal() {
        StringBuilder layers = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            layers.append(i == 0 ? "" : ", ").append("{\"name\": \"l").append(i).append("\", \"app\": "
                    + "\"LAUNCHER\", \"frame\": {\"x\": 0, \"y\": 0, \"w\": 8192, \"h\": 8192}}");
        }
        String e = refused("{\"width\": 8192, \"height\": 8192, \"layers\": [" + layers + "]}");
        assertTrue(e.contains("layers") && e.contains("a 8192×8192 display with these layers needs 25,600 MiB of "
                + "buffers (the screen and 3 client targets: 1,024 MiB; the layers' buffers, each slot its size × 4 "
                + "bytes: 24,576 MiB), above the simulator's budget of 1024 MiB"), e);
    }

    /** A transaction that resizes a layer's buffer past a texture's limit is refused at the event's field. */
    @Test
    void anEventThatResizesABufferTooFarIsRefused() {
        String e = refused("""
                {"layers": [{"name": "app", "app": "LAUNCHER", "frame": {"x": 0, "y": 0, "w": 540, "h": 1200}}],
                 "events": [{"at": 5, "layer": "app", "buffer": {"w": 540, "h": 9000}}]}
                """);
        assertTrue(e.contains("events[0].buffer.h") && e.contains("a 540×9000 buffer"), e);
    }

    /** An 8K display with a full-screen layer fits. */
    @Test
    void anEightKDisplayWithAFullScreenLayerFits() throws Exception {
        ScenarioLoader.read("8k.json", """
                {"width": 7680, "height": 4320, "layers": [
                  {"name": "video", "app": "VIDEO", "frame": {"x": 0, "y": 0, "w": 7680, "h": 4320}}]}
                """, CompositorScenario.class);
    }
}
