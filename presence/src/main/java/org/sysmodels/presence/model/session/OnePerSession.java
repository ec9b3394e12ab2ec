package org.sysmodels.presence.model.session;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.sysmodels.presence.model.presence.Presence;

/** {@link ReplayBuffers} made of one {@link ReplayBuffer} object per session, created on first use. */
public final class OnePerSession implements ReplayBuffers {

    private final Supplier<ReplayBuffer> make;
    private ReplayBuffer[] buffers = new ReplayBuffer[16];

    public OnePerSession(Supplier<ReplayBuffer> make) {
        this.make = make;
    }

    private ReplayBuffer of(int s) {
        if (s >= buffers.length) {
            buffers = Arrays.copyOf(buffers, Math.max(buffers.length * 2, s + 1));
        }
        if (buffers[s] == null) {
            buffers[s] = make.get();
        }
        return buffers[s];
    }

    @Override
    public void clear(int s) {
        if (s < buffers.length) {
            buffers[s] = null;
        }
    }

    @Override
    public void sent(int s, long seq, Presence presence, int via) {
        of(s).sent(new Dispatch(seq, presence, via));
    }

    @Override
    public long evictedUpTo(int s) {
        return of(s).evictedUpTo();
    }

    @Override
    public void replayAfter(int s, long clientSeq, Consumer<Dispatch> out) {
        of(s).replayAfter(clientSeq, out);
    }
}
