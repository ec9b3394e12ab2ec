package org.sysmodels.compositor.model;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.sysmodels.compositor.pixel.Rect;
import org.sysmodels.compositor.pixel.Region;

/**
 * The display-space damage of a frame (SurfaceFlinger's dirty region, CompositionEngine Output::getDirtyRegion): for
 * each layer, the mapped surface damage of a newly latched buffer; the old and new frames of a layer whose geometry,
 * blending, colour or composition type changed; the frame of a layer that appeared or went away. Everything outside
 * is unchanged since the previous frame, so only this region needs recomposing.
 */
public final class DamageTracker {

    /** One shown layer this frame; {@code bufferDamage} is null when no new buffer was latched. */
    public record Entry(String name, CompositionLayer layer, Composition type, Region bufferDamage) {
    }

    private record Snapshot(CompositionLayer layer, Composition type) {
    }

    private Map<String, Snapshot> last = new HashMap<>();

    public Region frameDamage(List<Entry> entries, Rect display) {
        Region d = new Region();
        Map<String, Snapshot> now = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (Entry e : entries) {
            seen.add(e.name());
            now.put(e.name(), new Snapshot(e.layer(), e.type()));
            Snapshot prev = last.get(e.name());
            CompositionLayer l = e.layer();
            if (prev == null) {
                d.add(l.frame());
            } else if (prev.type() != e.type() || !sameLook(prev.layer(), l)) {
                d.add(prev.layer().frame()).add(l.frame());
            } else if (e.bufferDamage() != null) {
                for (Rect r : e.bufferDamage().rects()) {
                    d.add(DamageMapper.toDisplay(l, r));
                }
            }
        }
        for (Map.Entry<String, Snapshot> gone : last.entrySet()) {
            if (!seen.contains(gone.getKey())) {
                d.add(gone.getValue().layer().frame());
            }
        }
        last = now;
        return d.intersect(display);
    }

    private static boolean sameLook(CompositionLayer a, CompositionLayer b) {
        return a.isSolid() == b.isSolid() && Objects.equals(a.crop(), b.crop()) && a.frame().equals(b.frame())
                && a.transform() == b.transform() && a.blend() == b.blend() && a.planeAlpha() == b.planeAlpha()
                && a.filter() == b.filter() && a.color() == b.color()
                && (a.isSolid() || (a.buffer().width() == b.buffer().width()
                && a.buffer().height() == b.buffer().height()));
    }
}
