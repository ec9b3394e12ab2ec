package org.sysmodels.presence.host.labs;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.Consumer;
import org.sysmodels.presence.model.session.Dispatch;
import org.sysmodels.presence.model.session.ReplayBuffer;

/**
 * Bug lab "replay-out-of-order": the replay buffer is a stack walked from the top, newest dispatch first (a
 * descending iterator is one keystroke away from the right one). Every missed event is replayed, but a client that
 * applies them in arrival order ends with the oldest state of each user, and its {@code s} jumps backwards.
 */
public final class NewestFirstReplay implements ReplayBuffer {

    private final int capacity;
    private final ArrayDeque<Dispatch> kept = new ArrayDeque<>();
    private long evictedUpTo;

    public NewestFirstReplay(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public void sent(Dispatch d) {
        kept.addLast(d);
        if (kept.size() > capacity) {
            evictedUpTo = kept.pollFirst().seq();
        }
    }

    @Override
    public long evictedUpTo() {
        return evictedUpTo;
    }

    @Override
    public void replayAfter(long clientSeq, Consumer<Dispatch> out) {
        for (Iterator<Dispatch> it = kept.descendingIterator(); it.hasNext(); ) {
            Dispatch d = it.next();
            if (d.seq() > clientSeq) {
                out.accept(d);
            }
        }
    }
}
