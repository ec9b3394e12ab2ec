package org.sysmodels.sensor.model.core;

/**
 * How many times a student's firmware may go round its loops while simulated time stands still. Firmware lets time
 * pass only through the MCU ({@code work}, {@code wfi}, peripheral waits): a loop that does none of these, such as
 * {@code while (!tick) { }}, would spin on a real core until SysTick set the flag, but here no interrupt can ever
 * arrive and the host thread would spin forever. A student's source is compiled with a call to {@link #backEdge()}
 * at the top of every loop body, so such a loop is stopped ({@link FirmwareStalled}) after {@link #ITERATIONS}
 * iterations at one instant of simulated time: a count, not a wall-clock limit, so the run ends at the same point
 * on every machine and a campaign goes on with its next case.
 */
public final class SpinBudget {

    /** Loop iterations allowed at one instant of simulated time (a few hundred milliseconds of host time). */
    public static final long ITERATIONS = 10_000_000;

    /** The core whose firmware this thread is running (a campaign runs one board per thread at a time). */
    private static final ThreadLocal<Core> RUNNING = new ThreadLocal<>();

    private SpinBudget() {
    }

    /** Called at the top of every loop body of a student's firmware (inserted at compile time). */
    public static void backEdge() {
        Core core = RUNNING.get();
        if (core != null) {
            core.backEdge();
        }
    }

    static Core enter(Core core) {
        Core outer = RUNNING.get();
        RUNNING.set(core);
        return outer;
    }

    static void leave(Core outer) {
        if (outer == null) {
            RUNNING.remove();
        } else {
            RUNNING.set(outer);
        }
    }
}
