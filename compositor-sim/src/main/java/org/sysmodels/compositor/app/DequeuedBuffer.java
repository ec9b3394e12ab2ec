package org.sysmodels.compositor.app;

import org.sysmodels.compositor.model.Fence;
import org.sysmodels.compositor.model.GraphicBuffer;
import org.sysmodels.compositor.pixel.Image;
import org.sysmodels.compositor.pixel.Rect;

/**
 * A buffer your app dequeued: its slot, the release fence to wait on before writing it, its age (how many frames
 * old its contents are; 0 = undefined, redraw everything: EGL_EXT_buffer_age) and the pixels. Drawing (through
 * {@link #canvas()} or {@link #image()}) writes the buffer at the virtual time you call it; give the buffer back with
 * {@link Surface#queueBuffer} or {@link Surface#cancelBuffer}, once.
 */
public final class DequeuedBuffer {

    private final GraphicBuffer buffer;
    private final int slot;
    private final Fence releaseFence;
    private final int age;
    private final boolean straightAlpha;
    private final Surface surface;
    final long vsyncId;
    final long frameStart;
    long writtenAt = Long.MIN_VALUE;
    /** The call that handed the buffer back (queueBuffer or cancelBuffer), or null while the app holds it. */
    String returnedBy;

    DequeuedBuffer(GraphicBuffer buffer, int slot, Fence releaseFence, int age, boolean straightAlpha,
                   Surface surface, long vsyncId, long frameStart) {
        this.buffer = buffer;
        this.slot = slot;
        this.releaseFence = releaseFence;
        this.age = age;
        this.straightAlpha = straightAlpha;
        this.surface = surface;
        this.vsyncId = vsyncId;
        this.frameStart = frameStart;
    }

    public int slot() {
        return slot;
    }

    /** Signals when the display and the GPU have stopped reading this buffer: write it only after that. */
    public Fence releaseFence() {
        return releaseFence;
    }

    /** How many frames old the contents are (1: the previous frame's), or 0 when they are undefined. */
    public int age() {
        return age;
    }

    public int width() {
        return buffer.width();
    }

    public int height() {
        return buffer.height();
    }

    /** A canvas over the whole buffer. */
    public Canvas canvas() {
        return canvas(Rect.ofSize(width(), height()));
    }

    /**
     * A canvas over the buffer clipped to {@code dirty}, drawing premultiplied colour (straight colour when the
     * layer blends as COVERAGE): the buffer counts as written now.
     */
    public Canvas canvas(Rect dirty) {
        markWritten();
        return new Canvas(buffer.image(), dirty, straightAlpha);
    }

    /** The pixels themselves (ARGB8888, premultiplied unless the layer is COVERAGE): the buffer counts as written now. */
    public Image image() {
        markWritten();
        return buffer.image();
    }

    GraphicBuffer graphicBuffer() {
        return buffer;
    }

    private void markWritten() {
        if (returnedBy != null) {
            surface.writtenAfterHandBack(this);
            return;
        }
        if (writtenAt == Long.MIN_VALUE) {
            writtenAt = surface.now();
        }
    }
}
