package org.sysmodels.compositor.scenario;

import java.util.List;
import org.sysmodels.core.scenario.ScenarioCatalog;
import org.sysmodels.core.scenario.ScenarioEntry;
import org.sysmodels.core.input.UserInputException;

/** The packaged scenarios ({@code --scenario NAME}) and the bug labs ({@code --bug NAME}). */
public final class Scenarios {

    private static final String DIR = "/org/sysmodels/compositor/scenario/";

    public static final ScenarioCatalog<CompositorScenario> CATALOG =
            new ScenarioCatalog<>(CompositorScenario.class)
                    .add("home-screen", DIR + "home-screen.json",
                            "wallpaper, launcher, status bar, nav bar: four layers on four planes")
                    .add("scrolling-list", DIR + "scrolling-list.json",
                            "a list that misses deadlines: AppDeadlineMissed, SurfaceFlinger jank, BufferStuffing")
                    .add("scrolling-list-120hz", DIR + "scrolling-list-120hz.json",
                            "the same list at 120 Hz")
                    .add("video-overlay", DIR + "video-overlay.json",
                            "a 720p video scaled on an overlay plane at 30 fps")
                    .add("more-layers-than-planes", DIR + "more-layers-than-planes.json",
                            "a dialog and a toast: seven layers, four planes, layers move to client composition")
                    .add("rotation", DIR + "rotation.json",
                            "rotated buffers go CLIENT unless a plane can rotate them");

    private static final List<String> HIDDEN = List.of("lab-tearing", "lab-halo");

    private Scenarios() {
    }

    public static CompositorScenario resolve(String nameOrPath) throws UserInputException {
        if (HIDDEN.contains(nameOrPath)) {
            return load(nameOrPath);
        }
        return CATALOG.resolve(nameOrPath);
    }

    /** A packaged scenario by name, including the bug labs' own. */
    public static CompositorScenario load(String name) throws UserInputException {
        return org.sysmodels.core.scenario.ScenarioLoader.loadResource(DIR + name + ".json", CompositorScenario.class);
    }

    public static List<ScenarioEntry> entries() {
        return CATALOG.entries();
    }
}
