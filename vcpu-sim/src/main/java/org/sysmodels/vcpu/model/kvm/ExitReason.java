package org.sysmodels.vcpu.model.kvm;

/**
 * KVM exit reasons: the values of {@code kvm_run.exit_reason}, from Linux {@code include/uapi/linux/kvm.h}
 * ({@code KVM_EXIT_*}). Only the ones a RISC-V guest of this machine can cause are produced; the others are listed
 * so traces and quizzes can name any code.
 */
public final class ExitReason {

    public static final int UNKNOWN = 0;
    public static final int EXCEPTION = 1;
    public static final int IO = 2;
    public static final int HYPERCALL = 3;
    public static final int DEBUG = 4;
    public static final int HLT = 5;
    public static final int MMIO = 6;
    public static final int IRQ_WINDOW_OPEN = 7;
    public static final int SHUTDOWN = 8;
    public static final int FAIL_ENTRY = 9;
    public static final int INTR = 10;
    public static final int INTERNAL_ERROR = 17;
    public static final int SYSTEM_EVENT = 24;
    public static final int RISCV_SBI = 35;

    /** {@code kvm_run.system_event.type} values (KVM_SYSTEM_EVENT_*). */
    public static final int SYSTEM_EVENT_SHUTDOWN = 1;
    public static final int SYSTEM_EVENT_RESET = 2;
    public static final int SYSTEM_EVENT_CRASH = 3;

    /** {@code kvm_run.internal.suberror} values (KVM_INTERNAL_ERROR_*). */
    public static final int INTERNAL_ERROR_EMULATION = 1;
    public static final int INTERNAL_ERROR_SIMUL_EX = 2;
    public static final int INTERNAL_ERROR_DELIVERY_EV = 3;
    public static final int INTERNAL_ERROR_UNEXPECTED_EXIT_REASON = 4;

    private ExitReason() {
    }

    /** "KVM_EXIT_MMIO" for 6. */
    public static String name(int reason) {
        return switch (reason) {
            case UNKNOWN -> "KVM_EXIT_UNKNOWN";
            case EXCEPTION -> "KVM_EXIT_EXCEPTION";
            case IO -> "KVM_EXIT_IO";
            case HYPERCALL -> "KVM_EXIT_HYPERCALL";
            case DEBUG -> "KVM_EXIT_DEBUG";
            case HLT -> "KVM_EXIT_HLT";
            case MMIO -> "KVM_EXIT_MMIO";
            case IRQ_WINDOW_OPEN -> "KVM_EXIT_IRQ_WINDOW_OPEN";
            case SHUTDOWN -> "KVM_EXIT_SHUTDOWN";
            case FAIL_ENTRY -> "KVM_EXIT_FAIL_ENTRY";
            case INTR -> "KVM_EXIT_INTR";
            case INTERNAL_ERROR -> "KVM_EXIT_INTERNAL_ERROR";
            case SYSTEM_EVENT -> "KVM_EXIT_SYSTEM_EVENT";
            case RISCV_SBI -> "KVM_EXIT_RISCV_SBI";
            default -> "KVM_EXIT_" + reason;
        };
    }

    /** "SHUTDOWN" for system event type 1. */
    public static String systemEventName(int type) {
        return switch (type) {
            case SYSTEM_EVENT_SHUTDOWN -> "SHUTDOWN";
            case SYSTEM_EVENT_RESET -> "RESET";
            case SYSTEM_EVENT_CRASH -> "CRASH";
            default -> "type " + type;
        };
    }
}
