package org.sysmodels.compositor;

import java.nio.file.Path;
import java.util.List;
import org.sysmodels.core.option.OptionSpec;

/** {@code sim compositor}'s own flags, as data; each overrides the scenario's setting. */
final class CompositorOptions {

    static final OptionSpec<Integer> VSYNCS = OptionSpec.integer("--vsyncs", "N", 1, 100_000,
            "How many vsyncs to simulate.");
    static final OptionSpec<Integer> REFRESH = OptionSpec.integer("--refresh", "HZ", 1, 1000,
            "Refresh rate: 60, 90 or 120.");
    static final OptionSpec<Integer> PLANES = OptionSpec.integer("--planes", "N", 1, 16,
            "Number of hardware planes: a primary, then overlays; the last overlay rotates.");
    static final OptionSpec<Boolean> NO_DAMAGE_TRACKING = OptionSpec.flag("--no-damage-tracking",
            "Recompose every pixel every frame.");
    static final OptionSpec<Boolean> FRAMES = OptionSpec.flag("--frames",
            "Write a PNG of every displayed frame (into --png-dir).");
    static final OptionSpec<Path> PNG_DIR = OptionSpec.path("--png-dir", "DIR",
            "Where --frames and the contact sheet go.").withDefault("the --report directory");

    static final List<OptionSpec<?>> ALL = List.of(VSYNCS, REFRESH, PLANES, NO_DAMAGE_TRACKING, FRAMES, PNG_DIR);

    private CompositorOptions() {
    }
}
