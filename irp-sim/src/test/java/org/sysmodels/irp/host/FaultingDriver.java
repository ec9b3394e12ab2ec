package org.sysmodels.irp.host;

/** A driver's class outside the kernel's packages, for the tests of which exceptions are a driver's fault. */
public final class FaultingDriver {

    long reads;

    /** Reads a field of {@code other}: a NullPointerException in this class's own code when it is null. */
    public void fault(FaultingDriver other) {
        reads += other.reads;
    }

    /** A nested class of the driver's. */
    public static final class Nested {
        public static void fault() {
            throw new NullPointerException("in a nested class");
        }
    }
}
