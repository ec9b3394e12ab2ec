package org.sysmodels.nvme.host.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What Linux prints and does for each driver fault, by context; JVM-made exceptions, so the messages are the JDK's. */
class OopsTest {

    static final class Node {
        int value;
    }

    @Test
    void aNullDereferenceIsAnOopsThatKillsTheTaskOrPanicsInAnInterrupt() {
        Node none = null;
        NullPointerException read = assertThrows(NullPointerException.class, () -> none.value++);
        NullPointerException write = assertThrows(NullPointerException.class, () -> none.value = 1);
        assertEquals(Optional.of("BUG: kernel NULL pointer dereference, address: 0000000000000000 / #PF: supervisor "
                + "read access in kernel mode / #PF: error_code(0x0000) - not-present page / Oops: 0000 [#1] SMP; the "
                + "task that ran the code is killed and the kernel runs on, tainted 'D'"), Oops.of(read, false));
        String inIrq = Oops.of(write, true).orElseThrow();
        assertTrue(inIrq.contains("#PF: supervisor write access in kernel mode / #PF: error_code(0x0002) - "
                + "not-present page / Oops: 0002 [#1] SMP; Kernel panic - not syncing: Fatal exception in interrupt"),
                inIrq);
    }

    @Test
    void aDivideErrorAndAStackOverflowHaveTheirOwnHeaders() {
        int zero = 0;
        ArithmeticException div = assertThrows(ArithmeticException.class, () -> System.out.println(1 / zero));
        assertEquals(Optional.of("divide error: 0000 [#1] SMP; Kernel panic - not syncing: Fatal exception in "
                + "interrupt"), Oops.of(div, true));
        assertEquals(Optional.of("BUG: TASK stack guard page was hit / stack guard page: 0000 [#1] SMP; Kernel panic "
                + "- not syncing: TASK stack guard hit"), Oops.of(new StackOverflowError(), false));
        assertEquals(Optional.empty(), Oops.of(new ClassCastException(), true));
        assertEquals(Optional.empty(), Oops.of(new ArithmeticException("BigInteger divide by zero"), false));
    }
}
