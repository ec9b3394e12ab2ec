package org.sysmodels.nvme.model.command;

import org.sysmodels.core.sched.Scheduler;

/**
 * The controller's command contexts, preallocated: its internal resources for commands between fetch and completion.
 * I/O commands have {@code ioContexts} of them (the device queue depth); admin commands have their own few, so that an
 * Abort or a Delete I/O SQ is fetched even while I/O fills the device. When a class has no free context, its entries
 * wait in their submission queues, unfetched (SQHD does not pass them), and arbitration decides which queue gets the
 * next free context.
 */
final class CommandPool {

    private final Command[] all;
    private final int ioContexts;
    private final int[] freeIo;
    private int freeIoCount;
    private final int[] freeAdmin;
    private int freeAdminCount;

    CommandPool(int ioContexts, int adminContexts, int segmentCapacity) {
        int depth = ioContexts + adminContexts;
        this.ioContexts = ioContexts;
        all = new Command[depth];
        for (int i = 0; i < depth; i++) {
            all[i] = new Command(i, segmentCapacity);
        }
        freeIo = new int[ioContexts];
        for (int i = 0; i < ioContexts; i++) {
            freeIo[i] = ioContexts - 1 - i;
        }
        freeIoCount = ioContexts;
        freeAdmin = new int[adminContexts];
        for (int i = 0; i < adminContexts; i++) {
            freeAdmin[i] = depth - 1 - i;
        }
        freeAdminCount = adminContexts;
    }

    boolean hasFreeIo() {
        return freeIoCount > 0;
    }

    boolean hasFreeAdmin() {
        return freeAdminCount > 0;
    }

    /** True if the class of {@code c} (I/O or admin) has no free context. */
    boolean exhaustedFor(Command c) {
        return c.index < ioContexts ? freeIoCount == 0 : freeAdminCount == 0;
    }

    /** True if either class has no free context. */
    boolean anyExhausted() {
        return freeIoCount == 0 || freeAdminCount == 0;
    }

    /** A free context of the class of queue {@code qid} (0: admin), now {@link CommandState#FETCHED}. */
    Command take(int qid) {
        // Released contexts already have next, namespace, event and unit cleared (see release).
        Command c = qid == 0 ? all[freeAdmin[--freeAdminCount]] : all[freeIo[--freeIoCount]];
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
        if (c.index < ioContexts) {
            freeIo[freeIoCount++] = c.index;
        } else {
            freeAdmin[freeAdminCount++] = c.index;
        }
    }

    Command get(int index) {
        return all[index];
    }

    int size() {
        return all.length;
    }

    int inUse() {
        return all.length - freeIoCount - freeAdminCount;
    }

    /** I/O commands inside. */
    int ioInUse() {
        return ioContexts - freeIoCount;
    }
}
