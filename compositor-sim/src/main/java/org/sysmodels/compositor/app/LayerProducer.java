package org.sysmodels.compositor.app;

import org.sysmodels.compositor.model.SurfaceFlinger;

/** Whatever fills a layer's BufferQueue: the reference {@link Producer}, a bug lab's variant, or a student's app. */
public interface LayerProducer extends SurfaceFlinger.AppCallback {

    /** A producer with its own frame clock starts it at {@code at}; one driven by Choreographer does nothing. */
    void start(long at);

    /** Frames queued so far. */
    long framesQueued();
}
