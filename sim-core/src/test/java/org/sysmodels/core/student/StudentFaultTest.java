package org.sysmodels.core.student;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What a student's NULL dereference was, read from the NullPointerExceptions the JVM itself makes. */
class StudentFaultTest {

    static final class Counter {
        long reads;

        void add(Counter other) {
            reads += other.reads;
        }
    }

    @Test
    void theJdksOwnNullPointerMessagesSayWhetherTheAccessWasAStore() {
        Counter none = null;
        int[] array = null;
        Object target = null;
        assertTrue(StudentFault.isStore(assertThrows(NullPointerException.class, () -> none.reads = 1)));
        assertTrue(StudentFault.isStore(assertThrows(NullPointerException.class, () -> array[0] = 1)));
        assertFalse(StudentFault.isStore(assertThrows(NullPointerException.class, () -> none.add(none))));
        assertFalse(StudentFault.isStore(assertThrows(NullPointerException.class, () -> new Counter().add(none))));
        assertFalse(StudentFault.isStore(assertThrows(NullPointerException.class, () -> target.hashCode())));
        assertFalse(StudentFault.isStore(assertThrows(NullPointerException.class, () -> System.out.println(array[0]))));
        assertFalse(StudentFault.isStore(new NullPointerException()));
    }

    @Test
    void aJavacAccessorIsNotALineOfTheStudents() {
        StackTraceElement accessor = new StackTraceElement("student", null, null, "MyDriver", "access$300",
                "MyDriver.java", 21);
        StackTraceElement caller = new StackTraceElement("student", null, null, "MyDriver$Extension",
                "CsqReleaseLock", "MyDriver.java", 48);
        assertFalse(StudentFault.isStudentFrame(accessor));
        assertTrue(StudentFault.isStudentFrame(caller));
        assertFalse(StudentFault.isStudentFrame(new StackTraceElement("app", null, null, "Sim", "run", "Sim.java", 1)));
    }
}
