package org.sysmodels.irp.model;

import java.util.Locale;

/**
 * How the simulated machine stopped: a bug check as Windows raises it (KeBugCheckEx: a code and four parameters), a
 * hang (real Windows spins or waits forever and raises nothing), or a Static Driver Verifier rule, which Microsoft
 * checks at compile time only (Windows itself has no run-time code for it, so the simulator names the rule instead of
 * inventing one).
 */
public sealed interface Stop {

    /** One line: "0x00000044 MULTIPLE_IRP_COMPLETE_REQUESTS (0xffffc00000001000, 0, 0, 0)". */
    String headline();

    /**
     * KeBugCheckEx(code, p1, p2, p3, p4). Parameters are as the WDK's bug-check reference lists them; addresses are
     * the simulator's own (deterministic) kernel addresses.
     */
    record BugCheck(int code, long p1, long p2, long p3, long p4) implements Stop {

        public static final int IRQL_NOT_GREATER_OR_EQUAL = 0x09;
        public static final int IRQL_NOT_LESS_OR_EQUAL = 0x0A;
        public static final int SPIN_LOCK_ALREADY_OWNED = 0x0F;
        public static final int SPIN_LOCK_NOT_OWNED = 0x10;
        public static final int KMODE_EXCEPTION_NOT_HANDLED = 0x1E;
        public static final int NO_MORE_IRP_STACK_LOCATIONS = 0x35;
        public static final int SYSTEM_SERVICE_EXCEPTION = 0x3B;
        public static final int MULTIPLE_IRP_COMPLETE_REQUESTS = 0x44;
        public static final int CANCEL_STATE_IN_COMPLETED_IRP = 0x48;
        public static final int SYSTEM_THREAD_EXCEPTION_NOT_HANDLED = 0x7E;
        public static final int UNEXPECTED_KERNEL_MODE_TRAP = 0x7F;
        public static final int DRIVER_VERIFIER_DETECTED_VIOLATION = 0xC4;
        public static final int DRIVER_VERIFIER_IOMANAGER_VIOLATION = 0xC9;
        public static final int DRIVER_IRQL_NOT_LESS_OR_EQUAL = 0xD1;
        public static final int DRIVER_RETURNED_HOLDING_CANCEL_LOCK = 0x11B;

        /** The code's name from bugcodes.h. */
        public String name() {
            return switch (code) {
                case IRQL_NOT_GREATER_OR_EQUAL -> "IRQL_NOT_GREATER_OR_EQUAL";
                case IRQL_NOT_LESS_OR_EQUAL -> "IRQL_NOT_LESS_OR_EQUAL";
                case SPIN_LOCK_ALREADY_OWNED -> "SPIN_LOCK_ALREADY_OWNED";
                case SPIN_LOCK_NOT_OWNED -> "SPIN_LOCK_NOT_OWNED";
                case KMODE_EXCEPTION_NOT_HANDLED -> "KMODE_EXCEPTION_NOT_HANDLED";
                case NO_MORE_IRP_STACK_LOCATIONS -> "NO_MORE_IRP_STACK_LOCATIONS";
                case SYSTEM_SERVICE_EXCEPTION -> "SYSTEM_SERVICE_EXCEPTION";
                case MULTIPLE_IRP_COMPLETE_REQUESTS -> "MULTIPLE_IRP_COMPLETE_REQUESTS";
                case CANCEL_STATE_IN_COMPLETED_IRP -> "CANCEL_STATE_IN_COMPLETED_IRP";
                case SYSTEM_THREAD_EXCEPTION_NOT_HANDLED -> "SYSTEM_THREAD_EXCEPTION_NOT_HANDLED";
                case UNEXPECTED_KERNEL_MODE_TRAP -> "UNEXPECTED_KERNEL_MODE_TRAP";
                case DRIVER_VERIFIER_DETECTED_VIOLATION -> "DRIVER_VERIFIER_DETECTED_VIOLATION";
                case DRIVER_VERIFIER_IOMANAGER_VIOLATION -> "DRIVER_VERIFIER_IOMANAGER_VIOLATION";
                case DRIVER_IRQL_NOT_LESS_OR_EQUAL -> "DRIVER_IRQL_NOT_LESS_OR_EQUAL";
                case DRIVER_RETURNED_HOLDING_CANCEL_LOCK -> "DRIVER_RETURNED_HOLDING_CANCEL_LOCK";
                default -> "BUGCHECK";
            };
        }

        @Override
        public String headline() {
            return String.format(Locale.ROOT, "0x%08X %s (%s, %s, %s, %s)", code, name(), p(p1), p(p2), p(p3), p(p4));
        }

        private static String p(long v) {
            return v == 0 ? "0" : String.format(Locale.ROOT, "0x%x", v);
        }
    }

    /** The machine would spin or wait forever; Windows raises no bug check (a deadlock shows up as a hang). */
    record Hang(Kind kind, String what) implements Stop {

        /** What the machine would be stuck in. */
        public enum Kind {
            /** Spinning on a spin lock nobody will release. */
            SPIN_LOCK,
            /** A thread waiting for an event nothing will set (usually an IRP that never completes). */
            WAIT
        }

        @Override
        public String headline() {
            return "HANG: " + what;
        }
    }

    /** A Static Driver Verifier rule (checked here at run time on the paths the run took). */
    record SdvRule(String rule) implements Stop {
        @Override
        public String headline() {
            return "Static Driver Verifier rule " + rule + " (compile-time only on Windows: no run-time bug check)";
        }
    }

    /** A rule the WDK states in prose, with no bug check and no SDV rule behind it. */
    record WdkRule(String rule) implements Stop {
        @Override
        public String headline() {
            return "WDK rule: " + rule + " (Windows raises no bug check for it; what follows is the damage below)";
        }
    }
}
