package org.sysmodels.irp.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.core.testing.Props;
import org.sysmodels.irp.model.io.CsqCallbacks;
import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.DriverObject;
import org.sysmodels.irp.model.io.IoCsq;
import org.sysmodels.irp.model.io.IoCsqIrpContext;
import org.sysmodels.irp.model.io.IoManager;
import org.sysmodels.irp.model.io.IoStatusBlock;
import org.sysmodels.irp.model.io.Irp;
import org.sysmodels.irp.model.io.IrpList;
import org.sysmodels.irp.model.io.IrpMajor;
import org.sysmodels.irp.model.io.Kernel;
import org.sysmodels.irp.model.ke.Costs;
import org.sysmodels.irp.model.ke.KEvent;
import org.sysmodels.irp.model.ke.KSpinLock;
import org.sysmodels.irp.model.ke.KThread;

/**
 * Model-based (stateful) test of the cancel-safe queue: random sequences of IoCsqInsertIrp (of fresh IRPs, some
 * cancelled before they are queued), IoCsqRemoveNextIrp (with or without a peek context), IoCsqRemoveIrp by context
 * and IoCancelIrp, against a reference that is a plain FIFO list. The reference's rules, from the WDK pages and
 * ReactOS csq.c: the queue hands IRPs out in insertion order among those matching the peek context; a cancelled IRP
 * leaves the queue at once and is completed with STATUS_CANCELLED through CsqCompleteCanceledIrp, exactly once; an
 * IRP cancelled before insertion is completed instead of queued; an IRP handed out can no longer be cancelled
 * (IoCancelIrp returns FALSE, nothing is completed). QuickTheories shrinks a failure to the shortest sequence.
 */
class CsqModelTest {

    /** One step of a sequence. */
    sealed interface Command {
        /** A fresh IRP with peek tag {@code tag}, queued with a context; cancelled first if {@code cancelledFirst}. */
        record Insert(int tag, boolean cancelledFirst) implements Command {
        }

        /** IoCsqRemoveNextIrp with peek context {@code tag}, or none (null) when it is negative. */
        record RemoveNext(int tag) implements Command {
        }

        /** IoCsqRemoveIrp with the context of the {@code index}-th live IRP (modulo their count). */
        record RemoveByContext(int index) implements Command {
        }

        /** IoCancelIrp of the {@code index}-th live IRP (modulo their count). */
        record Cancel(int index) implements Command {
        }
    }

    static Gen<Command> commands() {
        Gen<Command> insert = integers().between(0, 2).zip(integers().between(0, 5),
                (tag, c) -> (Command) new Command.Insert(tag, c == 0));
        Gen<Command> next = integers().between(-1, 2).map(t -> (Command) new Command.RemoveNext(t));
        Gen<Command> byContext = integers().between(0, 30).map(i -> (Command) new Command.RemoveByContext(i));
        Gen<Command> cancel = integers().between(0, 30).map(i -> (Command) new Command.Cancel(i));
        return integers().between(0, 9).flatMap(k -> k < 4 ? insert : k < 6 ? next : k < 7 ? byContext : cancel);
    }

    @Test
    void theQueueAgreesWithAFifoReference() {
        Props.property(300).forAll(lists().of(commands()).ofSizeBetween(1, 40)).checkAssert(CsqModelTest::check);
    }

    /** What the test keeps per inserted IRP. */
    record Entry(Irp irp, int tag, IoCsqIrpContext context, IoStatusBlock iosb) {
    }

    static void check(List<Command> commands) {
        Machine m = new Machine();
        List<Entry> inserted = new ArrayList<>();
        List<Entry> queue = new ArrayList<>();           // the reference: FIFO of queued IRPs
        List<Entry> cancelledByQueue = new ArrayList<>(); // the reference: completed STATUS_CANCELLED, in order
        List<Entry> handedOut = new ArrayList<>();
        for (Command c : commands) {
            switch (c) {
                case Command.Insert in -> {
                    Entry e = m.issue(in.tag());
                    inserted.add(e);
                    if (in.cancelledFirst()) {
                        assertEquals(false, m.cancel(e.irp()), "not queued yet: no cancel routine to call");
                        cancelledByQueue.add(e);
                    } else {
                        queue.add(e);
                    }
                    m.insert(e);
                }
                case Command.RemoveNext rn -> {
                    Integer peek = rn.tag() < 0 ? null : rn.tag();
                    Entry want = queue.stream().filter(e -> peek == null || e.tag() == peek).findFirst()
                            .orElse(null);
                    Irp got = m.removeNext(peek);
                    assertSame(want == null ? null : want.irp(), got, "IoCsqRemoveNextIrp(" + peek + ")");
                    if (want != null) {
                        queue.remove(want);
                        handedOut.add(want);
                    }
                }
                case Command.RemoveByContext rc -> {
                    List<Entry> live = live(inserted, queue, handedOut);
                    if (live.isEmpty()) {
                        continue;
                    }
                    Entry e = live.get(rc.index() % live.size());
                    boolean queued = queue.remove(e);
                    Irp got = m.removeByContext(e);
                    assertSame(queued ? e.irp() : null, got, "IoCsqRemoveIrp of a " + (queued ? "queued" : "gone")
                            + " IRP");
                    if (queued) {
                        handedOut.add(e);
                    }
                }
                case Command.Cancel cn -> {
                    List<Entry> live = live(inserted, queue, handedOut);
                    if (live.isEmpty()) {
                        continue;
                    }
                    Entry e = live.get(cn.index() % live.size());
                    boolean queued = queue.remove(e);
                    boolean called = m.cancel(e.irp());
                    assertEquals(queued, called, "IoCancelIrp found the queue's cancel routine");
                    if (queued) {
                        cancelledByQueue.add(e);
                    }
                }
            }
            assertEquals(queue.stream().map(Entry::irp).toList(), m.queued(), "queue contents after " + c);
            assertEquals(cancelledByQueue.stream().map(Entry::irp).toList(), m.cancelled,
                    "IRPs completed through CsqCompleteCanceledIrp after " + c);
        }
        for (Entry e : cancelledByQueue) {
            assertEquals(NtStatus.STATUS_CANCELLED, e.iosb().Status, "its caller sees STATUS_CANCELLED");
        }
        for (Entry e : handedOut) {
            assertNull(e.irp().CancelRoutine(), "what the queue hands out is no longer cancelable");
            assertTrue(e.irp().inUse() && !e.irp().completed(), "handed out, not completed by the queue");
        }
        for (Entry e : queue) {
            assertTrue(e.irp().CancelRoutine() != null, "a queued IRP carries the queue's cancel routine");
        }
    }

    /**
     * The IRPs still queued or handed out, in insertion order: the only ones a command may name, since a completed
     * IRP's packet goes back to the lookaside list and is reused by the next insert.
     */
    static List<Entry> live(List<Entry> inserted, List<Entry> queue, List<Entry> handedOut) {
        return inserted.stream().filter(e -> queue.contains(e) || handedOut.contains(e)).toList();
    }

    /** One processor, one thread, one device that keeps every read it gets, and a cancel-safe queue over a list. */
    static final class Machine implements CsqCallbacks {
        final Scheduler s = new Scheduler();
        final Kernel k = new Kernel(s, 1, Costs.zero());
        final IoManager io = k.io();
        final KThread t = k.createThread("test", 0);
        final DeviceObject device;
        final IrpList list = new IrpList();
        final KSpinLock lock = new KSpinLock("queue");
        final Map<Irp, Integer> tags = new HashMap<>();
        final List<Irp> cancelled = new ArrayList<>();
        final IoCsq csq = new IoCsq(io, this);

        Machine() {
            DriverObject drv = io.devices().createDriverObject("\\Driver\\Queue", null);
            drv.MajorFunction[IrpMajor.IRP_MJ_READ] = (d, irp) -> {
                io.IoMarkIrpPending(irp);
                return NtStatus.STATUS_PENDING;
            };
            device = io.devices().IoCreateDevice(drv, null, "\\Device\\Queue", 0);
        }

        Entry issue(int tag) {
            IoStatusBlock iosb = new IoStatusBlock();
            Irp[] irp = new Irp[1];
            k.runThread(t, () -> {
                irp[0] = io.IoBuildSynchronousFsdRequest(IrpMajor.IRP_MJ_READ, device, null, 0, 0,
                        new KEvent(KEvent.Type.NotificationEvent, false), iosb);
                io.IoCallDriver(device, irp[0]);
            });
            tags.put(irp[0], tag);
            return new Entry(irp[0], tag, new IoCsqIrpContext(), iosb);
        }

        void insert(Entry e) {
            k.runThread(t, () -> csq.IoCsqInsertIrp(e.irp(), e.context()));
            s.run();
        }

        Irp removeNext(Integer peek) {
            Irp[] got = new Irp[1];
            k.runThread(t, () -> got[0] = csq.IoCsqRemoveNextIrp(peek));
            return got[0];
        }

        Irp removeByContext(Entry e) {
            Irp[] got = new Irp[1];
            k.runThread(t, () -> got[0] = csq.IoCsqRemoveIrp(e.context()));
            return got[0];
        }

        boolean cancel(Irp irp) {
            boolean[] called = new boolean[1];
            k.runThread(t, () -> called[0] = io.cancel().IoCancelIrp(irp));
            s.run();
            return called[0];
        }

        List<Irp> queued() {
            List<Irp> out = new ArrayList<>();
            for (Irp i = list.first(); i != null; i = list.next(i)) {
                out.add(i);
            }
            return out;
        }

        @Override
        public void CsqInsertIrp(IoCsq c, Irp i) {
            list.InsertTailList(i);
        }

        @Override
        public void CsqRemoveIrp(IoCsq c, Irp i) {
            list.RemoveEntryList(i);
        }

        @Override
        public Irp CsqPeekNextIrp(IoCsq c, Irp i, Object peek) {
            Irp next = i == null ? list.first() : list.next(i);
            while (next != null && peek != null && !peek.equals(tags.get(next))) {
                next = list.next(next);
            }
            return next;
        }

        @Override
        public int CsqAcquireLock(IoCsq c) {
            return k.KeAcquireSpinLock(lock);
        }

        @Override
        public void CsqReleaseLock(IoCsq c, int irql) {
            k.KeReleaseSpinLock(lock, irql);
        }

        @Override
        public void CsqCompleteCanceledIrp(IoCsq c, Irp i) {
            cancelled.add(i);
            i.IoStatus.Status = NtStatus.STATUS_CANCELLED;
            io.IoCompleteRequest(i, 0);
        }
    }
}
