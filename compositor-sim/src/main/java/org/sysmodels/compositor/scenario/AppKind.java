package org.sysmodels.compositor.scenario;

/** Which drawing code a layer's producer runs (the apps of {@code org.sysmodels.compositor.app}), or a solid colour. */
public enum AppKind {
    WALLPAPER,
    STATUS_BAR,
    NAV_BAR,
    LAUNCHER,
    LIST,
    VIDEO,
    PANEL,
    ICONS,
    COLOR
}
