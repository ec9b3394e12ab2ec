package org.sysmodels.nvme.model.command;

import org.sysmodels.core.sched.Scheduler;

/**
 * The controller's command contexts, preallocated: its internal resources for commands between fetch and completion.
 * I/O commands may hold {@code ioContexts} of them (the device queue depth); admin commands have their own few, so that
 * an Abort or a Delete I/O SQ is fetched even while I/O fills the device. When a class has used all of its contexts,
 * its entries wait in their submission queues, unfetched (SQHD does not pass them), and arbitration decides which
 * queue gets the next free context. One free stack serves both classes (lowest index first), so a context's index
 * depends only on the order of fetches and completions.
 */
final class CommandPool {

    private final Command[] all;
    private final int[] free;
    private int freeCount;
    private final int ioContexts;
    private final int adminContexts;
    private int ioInUse;
    private int adminInUse;

    CommandPool(int ioContexts, int adminContexts, int segmentCapacity) {
        int depth = ioContexts + adminContexts;
        this.ioContexts = ioContexts;
        this.adminContexts = adminContexts;
        all = new Command[depth];
        free = new int[depth];
        for (int i = 0; i < depth; i++) {
            all[i] = new Command(i, segmentCapacity);
            free[i] = depth - 1 - i;
        }
        freeCount = depth;
    }

    boolean hasFreeIo() {
        return ioInUse < ioContexts;
    }

    boolean hasFreeAdmin() {
        return adminInUse < adminContexts;
    }

    /** True if the class of {@code c} (I/O or admin) has no free context. */
    boolean exhaustedFor(Command c) {
        return c.adminContext ? adminInUse == adminContexts : ioInUse == ioContexts;
    }

    /** True if either class has no free context. */
    boolean anyExhausted() {
        return ioInUse == ioContexts || adminInUse == adminContexts;
    }

    /** A free context for a command of queue {@code qid} (0: admin), now {@link CommandState#FETCHED}. */
    Command take(int qid) {
        // Released contexts already have next, namespace, event and unit cleared (see release).
        Command c = all[free[--freeCount]];
        c.adminContext = qid == 0;
        if (c.adminContext) {
            adminInUse++;
        } else {
            ioInUse++;
        }
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
        if (c.adminContext) {
            adminInUse--;
        } else {
            ioInUse--;
        }
        free[freeCount++] = c.index;
    }

    Command get(int index) {
        return all[index];
    }

    int size() {
        return all.length;
    }

    int inUse() {
        return ioInUse + adminInUse;
    }

    /** I/O commands inside. */
    int ioInUse() {
        return ioInUse;
    }
}
