package org.sysmodels.irp.model.ke;

/**
 * One simulated processor: its IRQL, the thread it is running, its clock while it runs a routine, and its queues of
 * pending work by level, highest first: interrupts (DIRQL), DPCs (DISPATCH_LEVEL), APCs (APC_LEVEL), thread work
 * (PASSIVE_LEVEL). A routine runs atomically in virtual time: it starts at the processor's clock, each nested routine
 * advances the clock by its cost, and the processor is busy until the clock it ended at; races between processors
 * happen at routine granularity (an ISR, a DPC, a cancel, a dispatch on different processors).
 *
 * <p>The queues are preallocated rings that grow only when a run needs more, so queueing allocates nothing in steady
 * state.
 */
public final class Processor {

    /** A piece of work for a thread or an APC: runs at PASSIVE_LEVEL or APC_LEVEL on this processor. */
    @FunctionalInterface
    public interface Work {
        void run(Processor on, long argument);
    }

    private final int number;
    private int irql;
    private KThread thread;
    private long clock;
    private long busyUntil;
    private boolean drainScheduled;
    private int spinLocksHeld;
    private boolean cancelLockHeld;

    private final Ring<KInterrupt> interrupts = new Ring<>();
    private final Ring<Kdpc> dpcs = new Ring<>();
    private final Ring<Work> apcs = new Ring<>();
    private final Ring<Work> threadWork = new Ring<>();

    public Processor(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** KeGetCurrentIrql. */
    public int irql() {
        return irql;
    }

    public void setIrql(int irql) {
        this.irql = irql;
    }

    /** The thread running on this processor (KeGetCurrentThread), or null in an arbitrary context. */
    public KThread thread() {
        return thread;
    }

    public void setThread(KThread t) {
        thread = t;
    }

    /** The virtual time the running routine has reached. */
    public long clock() {
        return clock;
    }

    public void setClock(long t) {
        clock = t;
    }

    /** Spends {@code ns} of the processor's time. */
    public void advance(long ns) {
        clock += ns;
    }

    /** The time the processor's current work ends. */
    public long busyUntil() {
        return busyUntil;
    }

    public void setBusyUntil(long t) {
        busyUntil = t;
    }

    public boolean drainScheduled() {
        return drainScheduled;
    }

    public void setDrainScheduled(boolean s) {
        drainScheduled = s;
    }

    public int spinLocksHeld() {
        return spinLocksHeld;
    }

    public void addSpinLock(int delta) {
        spinLocksHeld += delta;
    }

    public boolean cancelLockHeld() {
        return cancelLockHeld;
    }

    public void setCancelLockHeld(boolean held) {
        cancelLockHeld = held;
    }

    // ------------------------------------------------------------------ queues

    public void queueInterrupt(KInterrupt i) {
        interrupts.add(i, null, 0);
    }

    public void queueDpc(Kdpc d) {
        dpcs.add(d, null, 0);
    }

    /** Queues an APC for {@code t} (it runs at APC_LEVEL in that thread's context). */
    public void queueApc(KThread t, Work w, long argument) {
        apcs.add(w, t, argument);
    }

    /** Queues thread work (a request, a work item) to run at PASSIVE_LEVEL in thread {@code t}. */
    public void queueThreadWork(KThread t, Work w, long argument) {
        threadWork.add(w, t, argument);
    }

    public boolean hasWork() {
        return !interrupts.isEmpty() || !dpcs.isEmpty() || !apcs.isEmpty() || !threadWork.isEmpty();
    }

    /** The level of the most urgent queued work, or -1 if none: an interrupt's DIRQL, DISPATCH, APC or PASSIVE. */
    public int pendingLevel() {
        if (!interrupts.isEmpty()) {
            return interrupts.peek().irql();
        }
        if (!dpcs.isEmpty()) {
            return 2;
        }
        if (!apcs.isEmpty()) {
            return 1;
        }
        return threadWork.isEmpty() ? -1 : 0;
    }

    public boolean hasInterrupt() {
        return !interrupts.isEmpty();
    }

    public KInterrupt takeInterrupt() {
        return interrupts.take();
    }

    public boolean hasDpc() {
        return !dpcs.isEmpty();
    }

    public Kdpc takeDpc() {
        return dpcs.take();
    }

    public int dpcQueueLength() {
        return dpcs.size();
    }

    public boolean hasApc() {
        return !apcs.isEmpty();
    }

    /** The thread of the next APC; call before {@link #takeApc}. */
    public KThread nextApcThread() {
        return (KThread) apcs.peekTag();
    }

    public long nextApcArgument() {
        return apcs.peekArgument();
    }

    public Work takeApc() {
        return apcs.take();
    }

    public boolean hasThreadWork() {
        return !threadWork.isEmpty();
    }

    public KThread nextWorkThread() {
        return (KThread) threadWork.peekTag();
    }

    public long nextWorkArgument() {
        return threadWork.peekArgument();
    }

    public Work takeThreadWork() {
        return threadWork.take();
    }

    @Override
    public String toString() {
        return "CPU " + number;
    }

    /** A FIFO ring of references, each with a tag reference and a long argument; doubles when full. */
    static final class Ring<T> {
        private Object[] items = new Object[16];
        private Object[] tags = new Object[16];
        private long[] args = new long[16];
        private int head;
        private int size;

        void add(T item, Object tag, long arg) {
            if (size == items.length) {
                grow();
            }
            int slot = (head + size) & (items.length - 1);
            items[slot] = item;
            tags[slot] = tag;
            args[slot] = arg;
            size++;
        }

        @SuppressWarnings("unchecked")
        T peek() {
            return (T) items[head];
        }

        Object peekTag() {
            return tags[head];
        }

        long peekArgument() {
            return args[head];
        }

        @SuppressWarnings("unchecked")
        T take() {
            T t = (T) items[head];
            items[head] = null;
            tags[head] = null;
            head = (head + 1) & (items.length - 1);
            size--;
            return t;
        }

        boolean isEmpty() {
            return size == 0;
        }

        int size() {
            return size;
        }

        private void grow() {
            int n = items.length;
            Object[] ni = new Object[n * 2];
            Object[] nt = new Object[n * 2];
            long[] na = new long[n * 2];
            for (int i = 0; i < size; i++) {
                ni[i] = items[(head + i) & (n - 1)];
                nt[i] = tags[(head + i) & (n - 1)];
                na[i] = args[(head + i) & (n - 1)];
            }
            items = ni;
            tags = nt;
            args = na;
            head = 0;
        }
    }
}
