package org.sysmodels.compositor.scenario;

import java.util.List;
import java.util.Locale;
import org.sysmodels.compositor.model.ClientComposition;
import org.sysmodels.core.scenario.InvalidFieldException;

/**
 * Sizes a scenario's pixel memory before anything is allocated, so a display or buffer too large to simulate is
 * refused at its field instead of the run dying of an OutOfMemoryError or grinding for hours.
 *
 * <ul>
 *   <li>Each side of the display and of every layer's buffer is at most {@value #MAX_SIDE} pixels. SurfaceFlinger
 *       refuses a surface larger than its GPU can texture from or render to: {@code BufferLayer::setBuffers}
 *       (frameworks/native services/surfaceflinger/BufferLayer.cpp, Android 9; {@code Layer::setBuffers} before)
 *       returns {@code BAD_VALUE}, logging "dimensions too large", when a side exceeds
 *       {@code min(GL_MAX_TEXTURE_SIZE, GL_MAX_VIEWPORT_DIMS)}; 8192 is that limit on the Mali GPUs of many phones
 *       (Adreno 6xx report 16384), and it is the size the scenario file's {@code @Range} already allows.
 *   <li>All buffers together take at most {@value #MAX_MIB} MiB: the screen, the {@link ClientComposition#TARGETS}
 *       client targets (both the display's size) and each layer's {@code buffers} slots, at 4 bytes a pixel
 *       (RGBA_8888), at the largest size an event ({@code events[].buffer}) gives them. That budget is the simulator's own, fixed so a scenario runs or is refused the same on every
 *       machine; it holds an 8K display (7680×4320) with a full-screen layer, and fits the default heap of a
 *       4 GiB machine (a quarter of its memory, HotSpot's ergonomics).
 * </ul>
 */
final class PixelBudget {

    static final int MAX_SIDE = 8192;
    static final long MAX_MIB = 1024;
    private static final long BYTES_PER_PIXEL = 4;

    private PixelBudget() {
    }

    /** Refuses a side above {@link #MAX_SIDE} at its field, then a total above {@link #MAX_MIB} MiB. */
    static void check(int width, int height, List<LayerSpec> layers, List<LayerEvent> events) {
        sides("width", "height", "display", width, height);
        for (int j = 0; j < events.size(); j++) {
            Size b = events.get(j).buffer();
            if (b != null) {
                sides("events[" + j + "].buffer.w", "events[" + j + "].buffer.h", "buffer", b.w(), b.h());
            }
        }
        long display = (long) width * height * BYTES_PER_PIXEL * (1 + ClientComposition.TARGETS);
        long total = display;
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec l = layers.get(i);
            if (l.buffer() == null && outOfRange(l.frame())) {
                return;    // a frame outside its own @Range is the loader's to report, where it is written
            }
            String at = "layers[" + i + "]." + (l.buffer() != null ? "buffer" : "frame");
            sides(at + ".w", at + ".h", l.buffer() != null ? "buffer" : "buffer (the frame's size by default)",
                    l.bufferWidth(), l.bufferHeight());
            long largest = (long) l.bufferWidth() * l.bufferHeight();
            for (LayerEvent e : events) {
                if (e.buffer() != null && e.layer().equals(l.name())) {
                    largest = Math.max(largest, (long) e.buffer().w() * e.buffer().h());
                }
            }
            total += largest * BYTES_PER_PIXEL * l.buffers();
        }
        if (total > MAX_MIB << 20) {
            throw new InvalidFieldException(display > MAX_MIB << 20 ? "width" : "layers", "a " + width + "×"
                    + height + " display with these layers needs " + mib(total) + " of buffers (the screen and "
                    + ClientComposition.TARGETS + " client targets: " + mib(display) + "; the layers' buffers, "
                    + "each slot its size × 4 bytes: " + mib(total - display) + "), above the simulator's budget "
                    + "of " + MAX_MIB + " MiB, so the run would run out of memory; use a smaller display (width, "
                    + "height), smaller or fewer layers, or fewer buffers");
        }
    }

    private static boolean outOfRange(Box b) {
        return Math.abs(b.x()) > Box.LIMIT || Math.abs(b.y()) > Box.LIMIT || b.w() > Box.LIMIT || b.h() > Box.LIMIT;
    }

    private static void sides(String wField, String hField, String what, int w, int h) {
        if (w <= MAX_SIDE && h <= MAX_SIDE) {
            return;
        }
        long bytes = (long) w * h * BYTES_PER_PIXEL;
        throw new InvalidFieldException(w > MAX_SIDE ? wField : hField, "a " + w + "×" + h + " " + what
                + " (" + mib(bytes) + " a buffer at 4 bytes a pixel) is larger than SurfaceFlinger accepts: at most "
                + MAX_SIDE + " pixels a side (min(GL_MAX_TEXTURE_SIZE, GL_MAX_VIEWPORT_DIMS); "
                + "BufferLayer::setBuffers refuses larger with BAD_VALUE)");
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,d MiB", Math.ceilDiv(bytes, 1L << 20));
    }
}
