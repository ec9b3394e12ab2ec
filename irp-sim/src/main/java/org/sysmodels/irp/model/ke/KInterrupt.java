package org.sysmodels.irp.model.ke;

/**
 * An interrupt object (KINTERRUPT, from IoConnectInterrupt): the ISR, its context and the device IRQL it runs at.
 * The simulated device asserts it; the kernel delivers it to a processor whose IRQL is below the DIRQL.
 */
public final class KInterrupt {

    private final String name;
    private final ServiceRoutine routine;
    private final Object context;
    private final int irql;
    private long delivered;

    public KInterrupt(String name, ServiceRoutine routine, Object context, int irql) {
        this.name = name;
        this.routine = routine;
        this.context = context;
        this.irql = irql;
    }

    public String name() {
        return name;
    }

    public ServiceRoutine routine() {
        return routine;
    }

    public Object context() {
        return context;
    }

    /** The DIRQL the ISR runs at. */
    public int irql() {
        return irql;
    }

    /** How many times the ISR ran. */
    public long delivered() {
        return delivered;
    }

    public void countDelivery() {
        delivered++;
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
