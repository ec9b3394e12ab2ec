package org.sysmodels.compositor.scenario;

/** Which drawing code a layer's producer runs ({@code org.sysmodels.compositor.app}), or a solid colour layer. */
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
