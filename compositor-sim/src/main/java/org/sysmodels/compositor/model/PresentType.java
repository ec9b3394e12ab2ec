package org.sysmodels.compositor.model;

/** When a frame reached the screen against its prediction (perfetto FrameTimeline "Present Type"). */
public enum PresentType {
    EARLY("Early Present"),
    ON_TIME("On-time Present"),
    LATE("Late Present"),
    DROPPED("Dropped Frame");

    private final String label;

    PresentType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    static PresentType of(long actual, long expected) {
        return actual == expected ? ON_TIME : actual < expected ? EARLY : LATE;
    }
}
