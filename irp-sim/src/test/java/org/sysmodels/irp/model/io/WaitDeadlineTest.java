package org.sysmodels.irp.model.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;
import org.sysmodels.core.testing.Props;

/**
 * KeWaitForSingleObject's Timeout, in 100 ns units as the WDK has it: negative relative to now, positive an absolute
 * system time from the machine's start, null forever; a time beyond the clock's range saturates to forever.
 */
class WaitDeadlineTest {

    @Test
    void aNegativeTimeoutIsAnIntervalFromNowIn100NsUnits() {
        Props.property(500).forAll(longs().between(-(Long.MAX_VALUE / 100), -1), longs().between(0, 1L << 50))
                .checkAssert((timeout, now) -> {
                    long deadline = DispatcherObjects.deadline(timeout, now);
                    assertTrue(deadline > now);
                    assertTrue(deadline == Long.MAX_VALUE || deadline == now + -timeout * 100,
                            timeout + " at " + now + ": " + deadline);
                });
        assertEquals(1_000_000_000L + 5, DispatcherObjects.deadline(-10_000_000L, 5), "-10,000,000 is one second");
    }

    @Test
    void aPositiveTimeoutIsAnAbsoluteSystemTime() {
        Props.property(500).forAll(longs().between(1, Long.MAX_VALUE / 100), longs().between(0, 1L << 50))
                .checkAssert((timeout, now) -> assertEquals(timeout * 100, DispatcherObjects.deadline(timeout, now)));
    }

    @Test
    void noTimeoutAndTimesBeyondTheClockAreForever() {
        assertEquals(Long.MAX_VALUE, DispatcherObjects.deadline(null, 7));
        assertEquals(Long.MAX_VALUE, DispatcherObjects.deadline(Long.MIN_VALUE, 7));
        assertEquals(Long.MAX_VALUE, DispatcherObjects.deadline(Long.MAX_VALUE, 7));
        assertEquals(Long.MAX_VALUE, DispatcherObjects.deadline(-(Long.MAX_VALUE / 100), Long.MAX_VALUE - 10));
    }
}
