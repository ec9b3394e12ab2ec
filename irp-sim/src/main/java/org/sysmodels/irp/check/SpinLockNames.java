package org.sysmodels.irp.check;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.DriverObject;
import org.sysmodels.irp.model.ke.KSpinLock;

/**
 * How a driver's code knows its spin locks, for a finding: the field that holds one (in the driver's class, static or
 * not, or in its devices' extensions), the student's line that initialized it and the one that last acquired it.
 * Windows' bug checks give only the KSPIN_LOCK's address (bugcodes.h 0x0F SPIN_LOCK_ALREADY_OWNED, 0x10
 * SPIN_LOCK_NOT_OWNED), which the debugger's {@code ln} turns into the variable's symbol; this is that step. Fields are
 * read when a finding is written, never while the machine runs.
 */
final class SpinLockNames {

    /** A lock and the field that holds it ("statsLock", "DeviceExtension.queueLock"). */
    record Named(KSpinLock lock, String field) {
    }

    private SpinLockNames() {
    }

    /** Every spin lock in {@code driver}'s fields and its devices' extensions, each once, with its field. */
    static List<Named> of(DriverObject driver) {
        List<Named> out = new ArrayList<>();
        if (driver == null) {
            return out;
        }
        Object implementation = driver.implementation();
        if (implementation != null) {
            collect(implementation, "", out);
        }
        for (DeviceObject d : driver.DeviceObject()) {
            if (d.DeviceExtension instanceof KSpinLock lock) {
                add(out, lock, "DeviceExtension");
            } else if (d.DeviceExtension != null) {
                collect(d.DeviceExtension, "DeviceExtension.", out);
            }
        }
        return out;
    }

    /** The locks of {@code driver} that processor {@code cpu} holds. */
    static List<Named> heldBy(DriverObject driver, int cpu) {
        return of(driver).stream().filter(n -> n.lock().owner() == cpu).toList();
    }

    /** The field of {@code driver} that holds {@code lock}, or null. */
    static String fieldOf(KSpinLock lock, DriverObject driver) {
        return of(driver).stream().filter(n -> n.lock() == lock).map(Named::field).findFirst().orElse(null);
    }

    /**
     * "spin lock statsLock (KeInitializeSpinLock at MyFilter.java:40 (MyFilter.DriverEntry), last acquired at
     * MyFilter.java:68 (MyFilter.DispatchRead))"; {@code field} null names it by {@code address}.
     */
    static String describe(KSpinLock lock, String field, long address) {
        StringBuilder s = new StringBuilder("spin lock ");
        s.append(field != null ? field : String.format(Locale.ROOT, "at 0x%x", address));
        List<String> where = new ArrayList<>();
        if (lock.initializedAt() != null) {
            where.add("KeInitializeSpinLock at " + lock.initializedAt());
        }
        if (lock.acquiredAt() != null) {
            where.add("last acquired at " + lock.acquiredAt());
        }
        if (!where.isEmpty()) {
            s.append(" (").append(String.join(", ", where)).append(')');
        }
        return s.toString();
    }

    private static void collect(Object o, String prefix, List<Named> out) {
        for (Class<?> c = o.getClass(); c != null && !isSystemClass(c); c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (KSpinLock.class.isAssignableFrom(f.getType())
                        && read(f, Modifier.isStatic(f.getModifiers()) ? null : o) instanceof KSpinLock lock) {
                    add(out, lock, prefix + f.getName());
                }
            }
        }
    }

    /** The WDM layer and the JDK hold no lock of the driver's. */
    private static boolean isSystemClass(Class<?> c) {
        return c == Object.class || c.getPackageName().equals("org.sysmodels.irp.wdm");
    }

    private static Object read(Field f, Object o) {
        try {
            return f.trySetAccessible() ? f.get(o) : null;
        } catch (IllegalAccessException | RuntimeException e) {
            return null;
        }
    }

    private static void add(List<Named> out, KSpinLock lock, String field) {
        if (out.stream().noneMatch(n -> n.lock() == lock)) {
            out.add(new Named(lock, field));
        }
    }
}
