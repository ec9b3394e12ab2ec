package org.sysmodels.compositor;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code sim compositor}'s own flags; each overrides the scenario's setting. */
public final class CompositorOptions {

    @Option(names = "--vsyncs", paramLabel = "N", description = "How many vsyncs to simulate (1..100000).")
    Integer vsyncs;

    @Option(names = "--refresh", paramLabel = "HZ", description = "Refresh rate: 60, 90 or 120.")
    Integer refresh;

    @Option(names = "--planes", paramLabel = "N",
            description = "Number of hardware planes (1..16): a primary, then overlays; the last overlay rotates.")
    Integer planes;

    @Option(names = "--no-damage-tracking", description = "Recompose every pixel every frame.")
    boolean noDamageTracking;

    @Option(names = "--frames", description = "Write a PNG of every displayed frame (into --png-dir).")
    boolean frames;

    @Option(names = "--png-dir", paramLabel = "DIR",
            description = "Where --frames and the contact sheet go. Default: the --report directory.")
    Path pngDir;
}
