package org.sysmodels.compositor.run;

import org.sysmodels.compositor.app.App;
import org.sysmodels.compositor.app.Icons;
import org.sysmodels.compositor.app.Launcher;
import org.sysmodels.compositor.app.NavBar;
import org.sysmodels.compositor.app.Panel;
import org.sysmodels.compositor.app.ScrollingList;
import org.sysmodels.compositor.app.StatusBar;
import org.sysmodels.compositor.app.VideoPlayer;
import org.sysmodels.compositor.app.Wallpaper;
import org.sysmodels.compositor.scenario.AppKind;
import org.sysmodels.compositor.scenario.LayerSpec;

/** The drawing code for each {@link AppKind}. */
final class Apps {

    private Apps() {
    }

    static App create(LayerSpec spec) {
        return switch (spec.app()) {
            case WALLPAPER -> new Wallpaper();
            case STATUS_BAR -> new StatusBar();
            case NAV_BAR -> new NavBar();
            case LAUNCHER -> new Launcher();
            case LIST -> new ScrollingList(spec.scroll());
            case VIDEO -> new VideoPlayer();
            case PANEL -> new Panel(spec.title() == null ? spec.name() : spec.title(),
                    spec.color() == null ? 0xfffafafa : spec.argb());
            case ICONS -> new Icons();
            case COLOR -> throw new IllegalArgumentException("a COLOR layer has no app");
        };
    }
}
