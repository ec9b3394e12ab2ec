package org.sysmodels.irp.model.io;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Simulated kernel addresses for what a bug check's parameters and the reports show: device objects, driver objects,
 * file objects, kernel objects and routines, each region counted up from its own base in the order things are made
 * or first reported, so the same run always prints the same addresses.
 */
final class KernelAddresses {

    private static final long DEVICE_BASE = 0xffffb00000000000L;
    private static final long FILE_BASE = 0xffffb80000000000L;
    private static final long DRIVER_BASE = 0xffffa80000000000L;
    private static final long CODE_BASE = 0xfffff80000000000L;
    private static final long OBJECT_BASE = 0xffffd00000000000L;
    private static final long STACK_BASE = 0xfffff88000000000L;
    private static final long STACK_SIZE = 0x6000;

    private final Map<Object, Long> codeAddresses = new IdentityHashMap<>();
    private int nextDevice;
    private int nextDriver;
    private int nextFile;
    private int nextObject;

    long newDevice() {
        return DEVICE_BASE + 0x200L * nextDevice++;
    }

    long newDriver() {
        return DRIVER_BASE + 0x200L * nextDriver++;
    }

    long newFile() {
        return FILE_BASE + 0x100L * nextFile++;
    }

    /** An address for a kernel object (an event, a spin lock) seen in a bug check. */
    long object(Object o) {
        return codeAddresses.computeIfAbsent(o, k -> OBJECT_BASE + 0x40L * nextObject++);
    }

    /** Where exception dispatch puts the EXCEPTION_RECORD on processor {@code cpu}'s kernel stack (0x7E shows it). */
    long exceptionRecord(int cpu) {
        return STACK_BASE + STACK_SIZE * cpu + 0x5208;
    }

    /** Where exception dispatch puts the CONTEXT on processor {@code cpu}'s kernel stack (0x3B and 0x7E show it). */
    long contextRecord(int cpu) {
        return STACK_BASE + STACK_SIZE * cpu + 0x4a50;
    }

    /** The "code address" of a routine, assigned on first report (0 for none). */
    long routine(Object routine) {
        if (routine == null) {
            return 0;
        }
        return codeAddresses.computeIfAbsent(routine, k -> CODE_BASE + 0x1000L * (codeAddresses.size() + 1));
    }
}
