package org.sysmodels.compositor.host.labs;

import org.sysmodels.compositor.app.App;
import org.sysmodels.compositor.app.AppContext;
import org.sysmodels.compositor.app.Producer;
import org.sysmodels.compositor.model.BufferQueue;
import org.sysmodels.core.random.RandomStream;

/**
 * Bug lab {@code tearing}: an app that writes its buffer with the CPU right after dequeueBuffer returns, without
 * waiting for the release fence that came with it. On a double-buffered layer that buffer is the one the display has
 * just stopped showing, or is still showing: the display scans out half old, half new contents and the screen
 * tears. No GPU work follows, so the acquire fence signals as soon as the frame is queued.
 */
public final class WritesBeforeReleaseFence extends Producer {

    public WritesBeforeReleaseFence(String name, App app, BufferQueue queue, RandomStream random, Timing timing,
                                    boolean straightAlpha, AppContext context) {
        super(name, app, queue, random, timing, straightAlpha, context);
    }

    @Override
    protected long writeTime(long dequeuedAt, long gpuStart) {
        return dequeuedAt;
    }

    @Override
    protected long acquireTime(long flushedAt, long gpuEnd) {
        return flushedAt;
    }
}
