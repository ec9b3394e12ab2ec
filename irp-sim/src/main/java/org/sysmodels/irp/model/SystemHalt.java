package org.sysmodels.irp.model;

/**
 * KeBugCheckEx does not return: the simulated machine stops, and this unwinds every simulated routine back to the run
 * that started it (which reports the stop as a finding and ends cleanly). It is an {@link Error} so that a driver's
 * {@code catch (Exception e)} cannot swallow it, and the kernel also remembers the stop so a driver that catches
 * {@code Throwable} is found out on its next return. No stack trace is filled in: it is control flow, not a crash of
 * the simulator.
 */
public final class SystemHalt extends Error {

    private static final long serialVersionUID = 1L;

    private final transient Stop stop;
    private final transient StopContext context;
    private final transient Throwable fault;
    private final transient StackTraceElement faultLine;

    public SystemHalt(Stop stop, StopContext context) {
        this(stop, context, null, null);
    }

    /**
     * A stop caused by {@code fault}: what a driver's code threw, which Windows would have seen as a CPU exception,
     * at {@code faultLine} (the student's innermost line, or the driver's own).
     */
    public SystemHalt(Stop stop, StopContext context, Throwable fault, StackTraceElement faultLine) {
        super(stop.headline(), null, false, false);
        this.stop = stop;
        this.context = context;
        this.fault = fault;
        this.faultLine = faultLine;
    }

    public Stop stop() {
        return stop;
    }

    public StopContext context() {
        return context;
    }

    /** The driver's exception that stopped the machine (see {@code UnhandledException}), or null. */
    public Throwable fault() {
        return fault;
    }

    /** The driver's line that faulted, or null. */
    public StackTraceElement faultLine() {
        return faultLine;
    }
}
