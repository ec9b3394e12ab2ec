package org.sysmodels.vcpu.model.kvm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Where a vCPU's thread is, as the kick sees it: in the VMM's own code (userspace), inside KVM_RUN, or inside KVM_RUN
 * with a signal pending. One atomic word, so that "a signal arrives" and "the thread leaves KVM_RUN" cannot both miss
 * each other: either the signal finds the thread inside (KVM_RUN returns -EINTR) or it finds it in userspace, where
 * the handler runs and the signal is gone (which is why the sender sets {@code kvm_run.immediate_exit} first; Linux
 * {@code Documentation/virt/kvm/api.rst}, "immediate_exit").
 *
 * <p>The pattern is Firecracker's ({@code src/vmm/src/vstate/vcpu.rs}: {@code VcpuHandle::send_event} sets
 * {@code immediate_exit} and then {@code pthread_kill}s the thread with {@code SIGRTMIN}; the handler registered by
 * {@code Vcpu::register_kick_signal_handler} does only {@code fence(Acquire)}).
 *
 * <p>Orderings: every access is volatile (sequentially consistent) except where named; {@link #enter} pairs with the
 * volatile {@code immediate_exit} load that follows it (a Dekker-style pairing with the sender's volatile store of
 * {@code immediate_exit} and its volatile load here in {@link #kick}).
 */
final class ThreadPosition {

    private static final int IN_USER = 0;
    private static final int IN_KVM_RUN = 1;
    private static final int IN_KVM_RUN_SIGNALLED = 2;

    private static final VarHandle POSITION;

    static {
        try {
            POSITION = MethodHandles.lookup().findVarHandle(ThreadPosition.class, "position", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // through POSITION
    private volatile int position;

    /** The thread enters KVM_RUN (volatile store: the following {@code immediate_exit} load cannot move above it). */
    void enter() {
        POSITION.setVolatile(this, IN_KVM_RUN);
    }

    /** True if a signal arrived while the thread was inside KVM_RUN (volatile load). */
    boolean signalled() {
        return (int) POSITION.getVolatile(this) == IN_KVM_RUN_SIGNALLED;
    }

    /** True if the thread is inside KVM_RUN, signalled or not (volatile load). */
    boolean inside() {
        return (int) POSITION.getVolatile(this) != IN_USER;
    }

    /** The thread leaves KVM_RUN; a signal that arrived meanwhile is consumed on the way out (volatile getAndSet). */
    void leave() {
        POSITION.getAndSet(this, IN_USER);
    }

    /**
     * A signal to the thread. Inside KVM_RUN it stays pending (volatile compareAndSet to signalled) and the caller
     * must wake the thread; in userspace the handler runs ({@code fence(Acquire)}: an acquire fence) and the signal
     * is gone.
     *
     * @return true if the thread is inside KVM_RUN with the signal pending, false if the handler consumed it
     */
    boolean kick() {
        while (true) {
            int p = (int) POSITION.getVolatile(this);
            if (p == IN_USER) {
                VarHandle.acquireFence(); // Firecracker's handler: fence(Acquire). The signal is consumed here.
                return false;
            }
            if (p == IN_KVM_RUN_SIGNALLED || POSITION.compareAndSet(this, IN_KVM_RUN, IN_KVM_RUN_SIGNALLED)) {
                return true;
            }
        }
    }
}
