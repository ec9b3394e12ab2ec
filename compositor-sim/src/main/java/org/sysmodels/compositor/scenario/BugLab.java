package org.sysmodels.compositor.scenario;

import java.util.Arrays;
import java.util.Optional;

/**
 * The bug labs: a known mistake switched on in a scenario made to show it, and the check that must catch it.
 */
public enum BugLab {
    TEARING("tearing", "lab-tearing", "list",
            "the app writes its buffer with the CPU right after dequeueBuffer, without waiting for the release fence: "
                    + "the display is still scanning that buffer out and the screen tears"),
    STARVATION("starvation", "home-screen", null,
            "SurfaceFlinger never calls releaseBuffer: slots pile up ACQUIRED and the producer starves in "
                    + "dequeueBuffer"),
    HALO("halo", "lab-halo", "icons",
            "an app draws straight (non-premultiplied) colours into a layer whose blend mode is PREMULTIPLIED: "
                    + "soft edges get too much colour and glow");

    private final String label;
    private final String scenario;
    private final String layer;
    private final String description;

    BugLab(String label, String scenario, String layer, String description) {
        this.label = label;
        this.scenario = scenario;
        this.layer = layer;
        this.description = description;
    }

    /** The name for {@code --bug}. */
    public String label() {
        return label;
    }

    /** The packaged scenario the lab runs. */
    public String scenario() {
        return scenario;
    }

    /** The layer whose producer has the bug, or null when the bug is in SurfaceFlinger. */
    public String layer() {
        return layer;
    }

    public String description() {
        return description;
    }

    /** The lab as the suite lists and judges it: the rule that must catch it and the fix. */
    public org.sysmodels.core.lab.BugLab declaration() {
        return switch (this) {
            case TEARING -> new org.sysmodels.core.lab.BugLab(label, description, new org.sysmodels.core.check.Rule(
                    "write-before-release-fence", "a producer writes a dequeued buffer only after its release fence "
                    + "signals", "AOSP IGraphicBufferProducer::dequeueBuffer (the fence it returns)"),
                    "wait on the release fence returned by dequeueBuffer before writing the buffer",
                    java.util.List.of("scenario lab-tearing"));
            case STARVATION -> new org.sysmodels.core.lab.BugLab(label, description,
                    new org.sysmodels.core.check.Rule("queue-starvation", "a consumer releases every buffer it "
                            + "acquired once it is no longer on screen", "AOSP BufferQueueConsumer::releaseBuffer"),
                    "release the previous buffer (with its release fence) when a new one is latched",
                    java.util.List.of());
            case HALO -> new org.sysmodels.core.lab.BugLab(label, description, new org.sysmodels.core.check.Rule(
                    "premultiplied-invariant", "in a premultiplied buffer no colour channel exceeds alpha",
                    "AOSP hardware/interfaces graphics common BlendMode.aidl (PREMULTIPLIED)"),
                    "multiply each colour channel by alpha before writing, or declare the layer COVERAGE",
                    java.util.List.of("scenario lab-halo"));
        };
    }

    public static Optional<BugLab> of(String label) {
        return Arrays.stream(values()).filter(b -> b.label.equals(label)).findFirst();
    }
}
