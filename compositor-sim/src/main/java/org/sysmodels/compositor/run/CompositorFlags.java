package org.sysmodels.compositor.run;

import java.nio.file.Path;
import java.util.List;
import org.sysmodels.core.option.OptionSpec;

/** {@code sim compositor}'s own flags, as data; each overrides the scenario's setting. */
public final class CompositorFlags {

    public static final OptionSpec<Integer> VSYNCS = OptionSpec.integer("--vsyncs", "N", 1, 100_000,
            "How many vsyncs to simulate.").withDefault("the scenario's");
    public static final OptionSpec<Integer> REFRESH = OptionSpec.integer("--refresh", "HZ", 1, 1000,
            "Refresh rate: 60, 90 or 120.").withDefault("the scenario's");
    public static final OptionSpec<Integer> PLANES = OptionSpec.integer("--planes", "N", 1, 16,
            "Number of hardware planes: a primary, then overlays; the last overlay rotates.")
            .withDefault("the scenario's, 4");
    public static final OptionSpec<Boolean> NO_DAMAGE_TRACKING = OptionSpec.flag("--no-damage-tracking",
            "Recompose every pixel every frame.");
    public static final OptionSpec<Boolean> FRAMES = OptionSpec.flag("--frames",
            "Write a PNG of every displayed frame into --png-dir.");
    public static final OptionSpec<Path> PNG_DIR = OptionSpec.path("--png-dir", "DIR",
            "Where --frames writes its PNG files and the contact sheet goes (created if missing).")
            .withDefault("the --report folder");
    public static final OptionSpec<String> APP_LAYER = OptionSpec.text("--app-layer", "LAYER",
            "With --app or --grade: the layer your app draws.")
            .withDefault("the scenario's first app window (not wallpaper, status bar, nav bar or colour)");

    public static final List<OptionSpec<?>> ALL = List.of(VSYNCS, REFRESH, PLANES, NO_DAMAGE_TRACKING, FRAMES,
            PNG_DIR, APP_LAYER);

    /** The flags that shape one run; {@code --grade} brings its own scenarios and takes none of them. */
    public static final List<OptionSpec<?>> ONE_RUN = List.of(VSYNCS, REFRESH, PLANES, NO_DAMAGE_TRACKING, FRAMES,
            PNG_DIR);

    private CompositorFlags() {
    }
}
