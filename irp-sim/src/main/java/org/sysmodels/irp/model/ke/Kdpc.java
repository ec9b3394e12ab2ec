package org.sysmodels.irp.model.ke;

/**
 * A deferred procedure call object (KDPC, KeInitializeDpc). KeInsertQueueDpc queues it on a processor's DPC queue
 * unless it is already queued (then it returns FALSE and the DPC runs once): a DPC is a request to run, not a count,
 * which is why an ISR's DPC must drain everything the device finished.
 */
public final class Kdpc {

    /** Queue on the processor that inserts the DPC (the default). */
    public static final int CURRENT_PROCESSOR = -1;

    private final DeferredRoutine routine;
    private final Object context;
    private final String name;
    private Object argument1;
    private Object argument2;
    private boolean inserted;
    private int target = CURRENT_PROCESSOR;

    public Kdpc(String name, DeferredRoutine routine, Object context) {
        this.name = name;
        this.routine = routine;
        this.context = context;
    }

    public String name() {
        return name;
    }

    public DeferredRoutine routine() {
        return routine;
    }

    public Object context() {
        return context;
    }

    public Object argument1() {
        return argument1;
    }

    public Object argument2() {
        return argument2;
    }

    /** True while queued and not yet run. */
    public boolean inserted() {
        return inserted;
    }

    /** KeSetTargetProcessorDpc: the processor whose queue the DPC goes to. */
    public void setTarget(int processor) {
        target = processor;
    }

    public int target() {
        return target;
    }

    /** Marks the DPC queued with its system arguments. @return false if it was already queued */
    public boolean insert(Object a1, Object a2) {
        if (inserted) {
            return false;
        }
        inserted = true;
        argument1 = a1;
        argument2 = a2;
        return true;
    }

    /** Marks the DPC dequeued, as the kernel does just before running it. */
    public void dequeue() {
        inserted = false;
    }

    private Object owner;

    /** Who created this object (the I/O manager records the device object), for frames and reports. */
    public Object owner() {
        return owner;
    }

    public void setOwner(Object o) {
        owner = o;
    }
}
