package org.sysmodels.irp.model;

/**
 * Interrupt request levels as x64 Windows numbers them (wdm.h): a processor runs at one IRQL at a time, and only
 * interrupts above it are delivered. Thread code runs at PASSIVE_LEVEL or APC_LEVEL; DPCs, spin-lock holders, cancel
 * routines and most completion routines at DISPATCH_LEVEL; interrupt service routines at their device's DIRQL
 * (3..12 on x64, assigned by the HAL).
 */
public final class Irql {

    public static final int PASSIVE_LEVEL = 0;
    public static final int APC_LEVEL = 1;
    public static final int DISPATCH_LEVEL = 2;
    /** The lowest device IRQL on x64. */
    public static final int DIRQL_MIN = 3;
    /** The highest device IRQL on x64. */
    public static final int DIRQL_MAX = 12;
    public static final int CLOCK_LEVEL = 13;
    public static final int HIGH_LEVEL = 15;

    private Irql() {
    }

    /** "DISPATCH_LEVEL", "DIRQL 5", ... */
    public static String name(int irql) {
        return switch (irql) {
            case PASSIVE_LEVEL -> "PASSIVE_LEVEL";
            case APC_LEVEL -> "APC_LEVEL";
            case DISPATCH_LEVEL -> "DISPATCH_LEVEL";
            case CLOCK_LEVEL -> "CLOCK_LEVEL";
            case 14 -> "IPI_LEVEL";
            case HIGH_LEVEL -> "HIGH_LEVEL";
            default -> irql >= DIRQL_MIN && irql <= DIRQL_MAX ? "DIRQL " + irql : "IRQL " + irql;
        };
    }
}
