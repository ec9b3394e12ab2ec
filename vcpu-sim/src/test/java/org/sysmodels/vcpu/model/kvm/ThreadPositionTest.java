package org.sysmodels.vcpu.model.kvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import org.junit.jupiter.api.Test;
import org.sysmodels.core.testing.Props;

/**
 * {@link ThreadPosition} against the plain reading of the kick (Documentation/virt/kvm/api.rst, immediate_exit;
 * Firecracker's vcpu.rs): a signal to a thread in userspace is consumed by its handler; one to a thread inside
 * KVM_RUN stays pending until the thread leaves; entering KVM_RUN again starts without a pending signal.
 */
class ThreadPositionTest {

    @Test
    void aSignalInUserspaceIsLost_insideKvmRunItStaysUntilLeaving() {
        ThreadPosition p = new ThreadPosition();
        assertFalse(p.kick(), "in userspace the handler takes the signal");
        assertFalse(p.inside());
        p.enter();
        assertFalse(p.signalled(), "the lost signal does not follow the thread into KVM_RUN");
        assertTrue(p.kick());
        assertTrue(p.signalled());
        assertTrue(p.kick(), "a second signal finds the first still pending");
        assertTrue(p.inside());
        p.leave();
        assertFalse(p.inside());
        assertFalse(p.signalled());
    }

    /** Any sequence of enter, kick and leave, one thread at a time: the word says what the model says. */
    @Test
    void followsTheModelOfTheKick() {
        Props.property(300).forAll(lists().of(integers().between(0, 2)).ofSizeBetween(1, 60)).checkAssert(ops -> {
            ThreadPosition p = new ThreadPosition();
            boolean inside = false;
            boolean pending = false;
            for (int i = 0; i < ops.size(); i++) {
                String at = "op " + i + " of " + ops;
                switch (ops.get(i)) {
                    case 0 -> {
                        p.enter();
                        inside = true;
                        pending = false;
                    }
                    case 1 -> {
                        assertEquals(inside, p.kick(), at);
                        pending = inside;
                    }
                    default -> {
                        p.leave();
                        inside = false;
                        pending = false;
                    }
                }
                assertEquals(inside, p.inside(), at);
                assertEquals(pending, p.signalled(), at);
            }
        });
    }
}
