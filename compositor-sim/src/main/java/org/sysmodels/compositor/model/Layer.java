package org.sysmodels.compositor.model;

import org.sysmodels.compositor.pixel.Rect;
import org.sysmodels.compositor.pixel.Region;
import org.sysmodels.compositor.pixel.SourceCrop;

/**
 * A layer as SurfaceFlinger keeps it: its settings, its BufferQueue (null for a colour layer) and what it has latched
 * from the queue: the slot and buffer on screen, their frame number and vsync id, and the surface damage that came
 * with them. The previously latched slot waits here until the frame that replaced it is presented, then goes back
 * to the queue with a release fence.
 */
public final class Layer {

    private final String name;
    private final BufferQueue queue;
    private LayerSettings settings;
    private boolean visible = true;

    int slot = -1;
    GraphicBuffer buffer;
    long frameNumber;
    Region damage;
    boolean newBuffer;
    int replacedSlot = -1;
    Composition lastType;
    long lastGpuRead = Long.MIN_VALUE;

    public Layer(String name, BufferQueue queue, LayerSettings settings) {
        this.name = name;
        this.queue = queue;
        this.settings = settings;
    }

    public String name() {
        return name;
    }

    public BufferQueue queue() {
        return queue;
    }

    public boolean isColorLayer() {
        return queue == null;
    }

    public LayerSettings settings() {
        return settings;
    }

    /** A window-manager transaction: new geometry or blending from the next frame on. */
    public void setSettings(LayerSettings s) {
        settings = s;
    }

    /** The buffer on screen, or null before the first latch. */
    public GraphicBuffer buffer() {
        return buffer;
    }

    public long frameNumber() {
        return frameNumber;
    }

    /** The composition type of the last frame, or null. */
    public Composition lastType() {
        return lastType;
    }

    /** Shows or hides the layer (a window-manager transaction). */
    public void setVisible(boolean v) {
        visible = v;
    }

    public boolean visible() {
        return visible;
    }

    /** True when there is something to show: a visible colour layer, or a visible layer with a latched buffer. */
    public boolean hasContent() {
        return visible && (isColorLayer() || buffer != null);
    }

    /** The layer as validate sees it this frame (call only when {@link #hasContent()}). */
    public HwcLayer toHwcLayer() {
        LayerSettings s = settings;
        if (isColorLayer()) {
            return new HwcLayer(name, Composition.SOLID_COLOR, null, s.color(), null, s.frame(), s.transform(),
                    s.blend(), s.planeAlpha(), s.filter());
        }
        SourceCrop crop = s.crop() != null ? s.crop() : SourceCrop.of(Rect.ofSize(buffer.width(), buffer.height()));
        return new HwcLayer(name, s.requested(), buffer, 0, crop, s.frame(), s.transform(), s.blend(),
                s.planeAlpha(), s.filter());
    }
}
