package org.sysmodels.nvme.model.command;

import org.sysmodels.core.sched.Scheduler;

/**
 * The controller's command contexts, preallocated: the most commands the controller holds between fetch and
 * completion. When none is free, entries wait in their submission queues and arbitration decides which queue gets the
 * next free context.
 */
final class CommandPool {

    private final Command[] all;
    private final int[] free;
    private int freeCount;

    CommandPool(int depth, int segmentCapacity) {
        all = new Command[depth];
        free = new int[depth];
        for (int i = 0; i < depth; i++) {
            all[i] = new Command(i, segmentCapacity);
            free[i] = depth - 1 - i;
        }
        freeCount = depth;
    }

    boolean hasFree() {
        return freeCount > 0;
    }

    /** A free context, now {@link CommandState#FETCHED}. */
    Command take() {
        // Released contexts already have next, namespace, event and unit cleared (see release).
        Command c = all[free[--freeCount]];
        c.result = 0;
        c.slba = 0;
        c.state = CommandState.FETCHED;
        return c;
    }

    /** Gives a context back (a second release of the same context does nothing). */
    void release(Command c) {
        if (c.state == CommandState.FREE) {
            return;
        }
        c.state = CommandState.FREE;
        c.sq = null;
        c.namespace = null;
        c.next = null;
        c.event = Scheduler.NO_EVENT;
        c.unit = -1;
        c.ownsCid = false;
        free[freeCount++] = c.index;
    }

    Command get(int index) {
        return all[index];
    }

    int size() {
        return all.length;
    }

    int inUse() {
        return all.length - freeCount;
    }
}
