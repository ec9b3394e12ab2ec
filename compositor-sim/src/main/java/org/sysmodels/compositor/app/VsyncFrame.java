package org.sysmodels.compositor.app;

/**
 * The frame Choreographer asks for: its vsync id, when it should reach the screen, and the app's deadline (queue
 * the buffer, with its drawing done, by then to be on time; FrameTimeline's expected timeline).
 */
public record VsyncFrame(long vsyncId, long expectedPresentNs, long deadlineNs) {
}
