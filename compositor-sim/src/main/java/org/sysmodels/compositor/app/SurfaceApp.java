package org.sysmodels.compositor.app;

/**
 * Your own app ({@code sim compositor --app MyApp.java}): a producer that draws into its layer's BufferQueue
 * itself, the way an app drawing with {@code Surface.lockCanvas} does (AOSP frameworks/native/libs/gui/Surface.cpp:
 * {@code Surface::lock} dequeues a buffer and waits on its release fence, {@code Surface::unlockAndPost} queues it).
 * It takes the place of one layer's app in every scenario and runs under every check.
 *
 * <p>One frame: {@link #onFrame} → {@link Surface#dequeueBuffer()} → {@link Surface#waitFor} the buffer's
 * {@link DequeuedBuffer#releaseFence() release fence} → draw with {@link DequeuedBuffer#canvas()} →
 * {@link Surface#queueBuffer}. Virtual time does not pass inside your methods; the system charges your layer's costs
 * from the scenario: its UI-thread time before each {@link #onFrame}, its render and GPU time between
 * {@code queueBuffer} and the acquire fence. Waiting is a callback ({@link Surface#waitFor}), never a loop.
 */
public interface SurfaceApp {

    /**
     * Choreographer's doFrame: a frame for the vsync in {@code frame} may start. Called once per vsync (at the app's
     * own rate for a layer with a fixed frame rate), whether or not your previous frame is done.
     */
    void onFrame(Surface surface, VsyncFrame frame);

    /**
     * IProducerListener::onBufferReleased: the consumer gave a buffer back, so a {@link Surface#dequeueBuffer()}
     * that returned null may now succeed.
     */
    default void onBufferReleased(Surface surface) {
    }
}
