package org.sysmodels.nvme.host.platform;

import java.util.Optional;
import org.sysmodels.core.student.StudentFault;

/**
 * What Linux prints and then does when a driver's code faults, for the Java exceptions that are CPU faults in a C
 * driver on x86-64: a {@link NullPointerException} is a NULL dereference (arch/x86/mm/fault.c show_fault_oops: "BUG:
 * kernel NULL pointer dereference, address: ...", the "#PF:" lines, then the "Oops" header of
 * arch/x86/kernel/dumpstack.c __die_header), an {@link ArithmeticException} "/ by zero" the divide error
 * (arch/x86/kernel/traps.c exc_divide_error: die("divide error")), a {@link StackOverflowError} the stack's guard
 * page (traps.c handle_stack_overflow: "BUG: TASK stack guard page was hit", die("stack guard page"), then always
 * panic("%s stack guard hit")). After the oops, dumpstack.c oops_end panics "Fatal exception in interrupt" when
 * the fault was in an interrupt; otherwise it kills the task that ran the code (make_task_dead) and the kernel runs
 * on, tainted 'D'. The header is __die_header's "%s: %04lx [#%d]" with SMP and none of the configuration-dependent
 * flags that follow it; Java does not say which field a NULL pointer was used for, so the address is 0. Other Java
 * exceptions have no such counterpart (C checks neither casts nor array indexes).
 */
public final class Oops {

    private Oops() {
    }

    /** The kernel log lines and the outcome for {@code thrown}, or empty when it has no fault in C. */
    public static Optional<String> of(Throwable thrown, boolean inInterrupt) {
        String end = inInterrupt ? "Kernel panic - not syncing: Fatal exception in interrupt"
                : "the task that ran the code is killed and the kernel runs on, tainted 'D'";
        if (thrown instanceof NullPointerException npe) {
            boolean write = StudentFault.isStore(npe);
            return Optional.of("BUG: kernel NULL pointer dereference, address: 0000000000000000 / #PF: supervisor "
                    + (write ? "write" : "read") + " access in kernel mode / #PF: error_code(0x000" + (write ? 2 : 0)
                    + ") - not-present page / Oops: 000" + (write ? 2 : 0) + " [#1] SMP; " + end);
        }
        if (thrown instanceof ArithmeticException a && "/ by zero".equals(a.getMessage())) {
            return Optional.of("divide error: 0000 [#1] SMP; " + end);
        }
        if (thrown instanceof StackOverflowError) {
            String stack = inInterrupt ? "IRQ" : "TASK";
            return Optional.of("BUG: " + stack + " stack guard page was hit / stack guard page: 0000 [#1] SMP; "
                    + "Kernel panic - not syncing: " + stack + " stack guard hit");
        }
        return Optional.empty();
    }
}
