package org.sysmodels.irp.model.ke;

/**
 * A thread (ETHREAD, reduced to what the I/O manager uses): a name, the processor it runs on, and its IRP list
 * (IopQueueIrpToThread): every IRP the thread issued and whose completion APC has not run yet. IoCancelThreadIo walks
 * this list when the thread exits.
 */
public final class KThread {

    private final int id;
    private final String name;
    private final int processor;
    private Object[] irps = new Object[8];
    private int irpCount;

    public KThread(int id, String name, int processor) {
        this.id = id;
        this.name = name;
        this.processor = processor;
    }

    public int id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** The processor this thread runs on (its ideal and only processor in the simulation). */
    public int processor() {
        return processor;
    }

    /** IopQueueIrpToThread. */
    public void queueIrp(Object irp) {
        if (irpCount == irps.length) {
            irps = java.util.Arrays.copyOf(irps, irpCount * 2);
        }
        irps[irpCount++] = irp;
    }

    /** IopUnQueueIrpFromThread. @return false if the IRP was not on the list */
    public boolean unqueueIrp(Object irp) {
        for (int i = 0; i < irpCount; i++) {
            if (irps[i] == irp) {
                irps[i] = irps[--irpCount];
                irps[irpCount] = null;
                return true;
            }
        }
        return false;
    }

    public int irpCount() {
        return irpCount;
    }

    /** The i-th IRP on the list (0 ≤ i < irpCount()). */
    public Object irp(int i) {
        return irps[i];
    }
}
