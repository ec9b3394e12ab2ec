package org.sysmodels.irp.model.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.sysmodels.irp.host.FaultingDriver;
import org.sysmodels.irp.model.Irql;
import org.sysmodels.irp.model.NtStatus;
import org.sysmodels.irp.model.Stop;
import org.sysmodels.irp.model.StopContext;
import org.sysmodels.irp.model.io.UnhandledException.Catcher;

/** Which Java exceptions are which Windows stop, and which exceptions are a driver's at all. */
class UnhandledExceptionTest {

    private static final long CODE = 0xfffff80000001000L;
    private static final long RECORD = 0xfffff88000005208L;
    private static final long CONTEXT = 0xfffff88000004a50L;

    private static Stop.BugCheck stop(Throwable t, int irql, Catcher c) {
        return UnhandledException.stop(t, irql, c, CODE, RECORD, CONTEXT);
    }

    @Test
    void aNullDereferenceAtDispatchLevelOrAboveIsD1WhateverTheThread() {
        NullPointerException read = new NullPointerException("Cannot read field \"x\"");
        for (int irql : new int[] {Irql.DISPATCH_LEVEL, 5}) {
            for (Catcher c : Catcher.values()) {
                assertEquals(new Stop.BugCheck(Stop.BugCheck.DRIVER_IRQL_NOT_LESS_OR_EQUAL, 0, irql, 0, CODE),
                        stop(read, irql, c));
            }
        }
        assertEquals(new Stop.BugCheck(Stop.BugCheck.DRIVER_IRQL_NOT_LESS_OR_EQUAL, 0, 2, 1, CODE),
                stop(new NullPointerException("Cannot assign field \"x\""), 2, Catcher.ARBITRARY_CONTEXT));
    }

    @Test
    void belowDispatchLevelTheLastCatcherDecides() {
        long av = NtStatus.STATUS_ACCESS_VIOLATION & 0xffffffffL;
        NullPointerException write = new NullPointerException("Cannot store to int array");
        assertEquals(new Stop.BugCheck(Stop.BugCheck.SYSTEM_SERVICE_EXCEPTION, av, CODE, CONTEXT, 0),
                stop(write, Irql.PASSIVE_LEVEL, Catcher.SYSTEM_SERVICE));
        assertEquals(new Stop.BugCheck(Stop.BugCheck.SYSTEM_THREAD_EXCEPTION_NOT_HANDLED, av, CODE, RECORD, CONTEXT),
                stop(write, Irql.PASSIVE_LEVEL, Catcher.SYSTEM_THREAD));
        assertEquals(new Stop.BugCheck(Stop.BugCheck.KMODE_EXCEPTION_NOT_HANDLED, av, CODE, 1, 0),
                stop(write, Irql.APC_LEVEL, Catcher.ARBITRARY_CONTEXT));
        long div = NtStatus.STATUS_INTEGER_DIVIDE_BY_ZERO & 0xffffffffL;
        ArithmeticException zero = assertThrows(ArithmeticException.class, () -> Math.floorMod(1, 0));
        assertEquals(new Stop.BugCheck(Stop.BugCheck.KMODE_EXCEPTION_NOT_HANDLED, div, CODE, 0, 0),
                stop(zero, Irql.DISPATCH_LEVEL, Catcher.ARBITRARY_CONTEXT),
                "a divide error is an exception at any IRQL");
        assertEquals(new Stop.BugCheck(Stop.BugCheck.SYSTEM_THREAD_EXCEPTION_NOT_HANDLED, div, CODE, RECORD, CONTEXT),
                stop(zero, Irql.PASSIVE_LEVEL, Catcher.SYSTEM_THREAD));
    }

    @Test
    void aStackOverflowIsADoubleFaultAndOtherExceptionsAreNoStop() {
        assertEquals(new Stop.BugCheck(Stop.BugCheck.UNEXPECTED_KERNEL_MODE_TRAP, 8, 0, 0, 0),
                stop(new StackOverflowError(), Irql.PASSIVE_LEVEL, Catcher.SYSTEM_SERVICE));
        assertNull(stop(new ArithmeticException("BigInteger divide by zero"), 0, Catcher.SYSTEM_SERVICE));
        assertNull(stop(new ClassCastException(), 0, Catcher.SYSTEM_SERVICE));
        assertNull(stop(new ArrayIndexOutOfBoundsException(3), 2, Catcher.ARBITRARY_CONTEXT));
        assertNull(stop(new IllegalStateException(), 0, Catcher.SYSTEM_THREAD));
    }

    @Test
    void onlyALoadedDriversOwnCodeFaults() {
        UnhandledException faults = new UnhandledException();
        NullPointerException mine = assertThrows(NullPointerException.class, () -> new FaultingDriver().fault(null));
        NullPointerException nested = assertThrows(NullPointerException.class, FaultingDriver.Nested::fault);
        NullPointerException simulator = assertThrows(NullPointerException.class,
                () -> new StopContext(null, "", "", 0, 0, "", 0).where());
        assertNull(faults.faultingFrame(mine), "no driver is loaded yet");
        faults.driverLoaded(new FaultingDriver());
        assertEquals("fault", faults.faultingFrame(mine).getMethodName());
        assertEquals(FaultingDriver.Nested.class.getName(), faults.faultingFrame(nested).getClassName());
        assertEquals(StopContext.class.getName(), simulator.getStackTrace()[0].getClassName());
        assertNull(faults.faultingFrame(simulator), "the simulator's own exception is never a driver's fault");
    }
}
