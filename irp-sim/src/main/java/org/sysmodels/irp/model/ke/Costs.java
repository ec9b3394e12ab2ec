package org.sysmodels.irp.model.ke;

/**
 * How much virtual time each kind of routine takes on a processor, in nanoseconds. These are illustrative figures of
 * the right order for a modern x64 machine, not measurements of Windows: the simulator uses them to order events and
 * to draw traces, and every lesson it teaches (who completes first, which races exist) holds for any positive values.
 *
 * @param dispatch   one dispatch routine, excluding what it calls
 * @param completion one completion routine
 * @param cancel     IoCancelIrp plus the cancel routine
 * @param isr        one interrupt service routine
 * @param dpc        one DPC routine
 * @param workItem   one work item routine
 * @param apc        from IoCompleteRequest to the requesting thread's completion APC (IopCompleteRequest)
 * @param service    the system service around a request (NtReadFile building the IRP, IopCompleteRequest)
 */
public record Costs(long dispatch, long completion, long cancel, long isr, long dpc, long workItem, long apc,
                    long service) {

    public Costs {
        for (long v : new long[] {dispatch, completion, cancel, isr, dpc, workItem, apc, service}) {
            if (v < 0) {
                throw new IllegalArgumentException("routine costs are not negative: " + v);
            }
        }
    }

    /** The defaults. */
    public static Costs defaults() {
        return new Costs(400, 150, 300, 250, 500, 1_000, 1_000, 800);
    }

    /** Everything free: events keep their order, the clock does not move (the quiz and property tests). */
    public static Costs zero() {
        return new Costs(0, 0, 0, 0, 0, 0, 0, 0);
    }
}
