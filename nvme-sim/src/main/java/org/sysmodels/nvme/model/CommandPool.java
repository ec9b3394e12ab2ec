package org.sysmodels.nvme.model;

/**
 * The controller's command contexts, preallocated: their number is the device queue depth, the most commands the
 * controller holds between fetch and completion. When none is free, entries wait in their submission queues and
 * arbitration decides which queue gets the next free context.
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

    Command take() {
        // Released contexts already have next, namespace, event and unit cleared (see release).
        Command c = all[free[--freeCount]];
        c.result = 0;
        c.slba = 0;
        c.taken = true;
        return c;
    }

    void release(Command c) {
        if (!c.taken) {
            return;
        }
        c.taken = false;
        c.state = Command.FREE;
        c.sq = null;
        c.namespace = null;
        c.next = null;
        c.event = 0;
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
