package org.sysmodels.compositor.run;

import java.util.ArrayList;
import java.util.List;
import org.sysmodels.compositor.model.Composition;
import org.sysmodels.compositor.model.CompositorObserver;
import org.sysmodels.compositor.model.LayerVerdict;
import org.sysmodels.compositor.model.Validation;

/** Records validate's verdicts frame by frame: how many layers went DEVICE and CLIENT, and which changed. */
public final class ValidationLog implements CompositorObserver {

    /** One frame's validate: its vsync, the verdicts, and the client target's plane (null: none). */
    public record Entry(long vsync, long time, List<LayerVerdict> verdicts, String clientTargetPlane) {

        public long count(Composition type) {
            return verdicts.stream().filter(v -> v.type() == type).count();
        }

        /** "wallpaper:DEVICE(primary) app:CLIENT ...". */
        public String summary() {
            StringBuilder b = new StringBuilder();
            for (LayerVerdict v : verdicts) {
                b.append(b.isEmpty() ? "" : " ").append(v.layer()).append(':')
                        .append(v.type() == null ? "not shown" : v.type() + (v.plane() != null ? "(" + v.plane() + ")"
                                : ""));
            }
            return b.toString();
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    @Override
    public void onValidated(long vsyncId, Validation v, long when) {
        entries.add(new Entry(vsyncId, when, v.verdicts(), v.clientTargetPlane()));
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }
}
