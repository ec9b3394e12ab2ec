package org.sysmodels.compositor.model;

import java.util.List;
import org.sysmodels.compositor.pixel.Image;
import org.sysmodels.compositor.pixel.Rect;
import org.sysmodels.compositor.pixel.Region;

/**
 * The display controller: at each present it blends the frame's planes in z-order (DEVICE and SOLID_COLOR layers and
 * the client target) over black into the screen, the image that is scanned out until the next present. Scan-out
 * runs top to bottom over one vsync period, so a buffer on a plane that is written during the period shows the new
 * contents below the beam and the old above: a tear, which {@link #writtenDuringScanout} paints into the screen.
 */
public final class DisplayPipeline {

    public static final int BACKGROUND = 0xff000000;

    private final Image screen;
    private final CompositionEngine engine;
    private final long period;
    private List<CompositionLayer> planes = List.of();
    private long scanStart;
    private final Region torn = new Region();

    public DisplayPipeline(CompositionEngine engine, int width, int height, long period) {
        this.engine = engine;
        this.screen = new Image(width, height);
        this.period = period;
        screen.fill(BACKGROUND);
    }

    public Image screen() {
        return screen;
    }

    /** presentDisplay taking effect at a vsync: recompose the damaged part of the screen from the planes. */
    public void present(List<CompositionLayer> framePlanes, Region damage, long vsyncTime) {
        planes = List.copyOf(framePlanes);
        scanStart = vsyncTime;
        // A torn part of the screen shows contents no frame had: it is recomposed with the next present.
        Region region = damage.copy().add(torn);
        torn.subtract(screen.bounds());
        engine.compose(planes, screen, BACKGROUND, region);
    }

    /** Marks the start of a new scan-out of the same frame (a vsync with no new present). */
    public void vsync(long vsyncTime) {
        scanStart = vsyncTime;
    }

    /**
     * A buffer was written at {@code when}. If a plane of the frame on screen shows it and the beam is mid-screen,
     * the rows from the beam down show the new contents: they are recomposed. Returns the first torn row, or -1.
     */
    public int writtenDuringScanout(Image buffer, long when) {
        long into = when - scanStart;
        if (into < 0 || into >= period) {
            return -1;
        }
        for (CompositionLayer p : planes) {
            if (p.buffer() == buffer) {
                int row = (int) (into * screen.height() / period);
                Rect below = new Rect(0, row, screen.width(), screen.height()).intersect(p.frame());
                if (below.isEmpty()) {
                    return -1;
                }
                engine.compose(planes, screen, BACKGROUND, Region.of(below));
                torn.add(below);
                return row;
            }
        }
        return -1;
    }
}
