package org.sysmodels.core.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.random.RandomStreams;
import org.sysmodels.core.input.UserInputException;

class FaultInjectorTest {

    @Test
    void windowTargetAndCount() {
        FaultPlan plan = FaultPlan.of(new Fault("nack", "bme280", 100L, 200L, 1.0, 2L));
        FaultInjector f = plan.injector(new RandomStreams(1));
        assertTrue(f.planned("nack"));
        assertFalse(f.planned("timeout"));
        assertFalse(f.fires("nack", "bme280", 99), "before the window");
        assertFalse(f.fires("nack", "other", 150), "other target");
        assertFalse(f.fires("timeout", "bme280", 150), "other kind");
        assertTrue(f.fires("nack", "bme280", 150));
        assertTrue(f.fires("nack", "bme280", 160));
        assertFalse(f.fires("nack", "bme280", 170), "count exhausted");
        assertEquals(2, f.injected().size());
        assertEquals(new FaultInjector.Injection("nack", "bme280", 150), f.injected().get(0));
    }

    @Test
    void probabilityIsRoughlyHonouredAndDeterministic() {
        FaultPlan plan = FaultPlan.of(new Fault("drop", null, null, null, 0.25, null));
        FaultInjector a = plan.injector(new RandomStreams(9));
        FaultInjector b = plan.injector(new RandomStreams(9));
        int hits = 0;
        for (int i = 0; i < 100_000; i++) {
            boolean x = a.fires("drop", "anything", i);
            assertEquals(x, b.fires("drop", "anything", i));
            hits += x ? 1 : 0;
        }
        assertEquals(25_000, hits, 600);
    }

    @Test
    void unknownKindsAreRejectedWithTheKnownOnes() {
        FaultPlan plan = FaultPlan.of(Fault.once("bitflip", "*", 0));
        UserInputException e = assertThrows(UserInputException.class,
                () -> plan.requireKnownKinds(Set.of("nack", "stuck-at"), "s.json"));
        assertEquals("s.json: faults[0].kind: unknown fault kind \"bitflip\"; this system knows: nack, stuck-at",
                e.getMessage());
    }
}
