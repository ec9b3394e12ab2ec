package org.sysmodels.irp.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.irp.model.io.CsqCallbacks;
import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.DriverObject;
import org.sysmodels.irp.model.io.IoCsq;
import org.sysmodels.irp.model.io.IoManager;
import org.sysmodels.irp.model.io.IoRemoveLock;
import org.sysmodels.irp.model.io.IoStatusBlock;
import org.sysmodels.irp.model.io.Irp;
import org.sysmodels.irp.model.io.IrpList;
import org.sysmodels.irp.model.io.IrpMajor;
import org.sysmodels.irp.model.io.Kernel;
import org.sysmodels.irp.model.io.PoolBlock;
import org.sysmodels.irp.model.ke.Costs;
import org.sysmodels.irp.model.ke.KEvent;
import org.sysmodels.irp.model.ke.KSpinLock;
import org.sysmodels.irp.model.ke.KThread;
import org.sysmodels.irp.model.ke.Kdpc;

/**
 * IoCancelIrp and the cancel spin lock, the cancel-safe queue, the remove lock, and the kernel pieces under them:
 * IRQL, spin locks, DPCs, waits, paged pool, with the bug checks each misuse raises.
 */
class CancelAndKernelTest {

    Scheduler s;
    Kernel k;
    IoManager io;
    KThread t;

    @BeforeEach
    void setUp() {
        s = new Scheduler();
        k = new Kernel(s, 2, Costs.zero());
        io = k.io();
        t = k.createThread("test", 0);
    }

    /** An IRP sent to one device whose dispatch routine keeps it (marks it pending). */
    Irp pendedAt(DeviceObject[] device) {
        DriverObject drv = io.devices().createDriverObject("\\Driver\\Keeper", null);
        drv.MajorFunction[IrpMajor.IRP_MJ_READ] = (d, irp) -> {
            io.IoMarkIrpPending(irp);
            return NtStatus.STATUS_PENDING;
        };
        device[0] = io.devices().IoCreateDevice(drv, null, "\\Device\\Keeper", 0);
        Irp[] irp = new Irp[1];
        k.runThread(t, () -> {
            irp[0] = io.IoBuildSynchronousFsdRequest(IrpMajor.IRP_MJ_READ, device[0], null, 0, 0,
                    new KEvent(KEvent.Type.NotificationEvent, false), new IoStatusBlock());
            io.IoCallDriver(device[0], irp[0]);
        });
        return irp[0];
    }

    @Test
    void ioCancelIrpCallsTheRoutineAtDispatchLevelWithTheCancelLockHeld() {
        DeviceObject[] dev = new DeviceObject[1];
        Irp irp = pendedAt(dev);
        List<String> seen = new ArrayList<>();
        io.cancel().IoSetCancelRoutine(irp, (d, i) -> {
            seen.add("device " + d.name() + " irql " + k.KeGetCurrentIrql() + " lock "
                    + (k.cancelLock().owner() == k.current().number()) + " cancelIrql " + i.CancelIrql()
                    + " routine " + i.CancelRoutine());
            io.cancel().IoReleaseCancelSpinLock(i.CancelIrql());
            i.IoStatus.Status = NtStatus.STATUS_CANCELLED;
            io.IoCompleteRequest(i, 0);
        });
        boolean[] result = new boolean[1];
        k.runThread(t, () -> result[0] = io.cancel().IoCancelIrp(irp));
        assertTrue(result[0]);
        assertEquals(List.of("device \\Device\\Keeper irql 2 lock true cancelIrql 0 routine null"), seen);
        assertTrue(k.cancelLock().isFree());
    }

    @Test
    void aCancelRoutineLeftOnACompletedIrpIsBugCheck0x48() {
        DeviceObject[] dev = new DeviceObject[1];
        Irp irp = pendedAt(dev);
        SystemHalt h = assertThrows(SystemHalt.class, () -> k.runThread(t, () -> {
            irp.IoStatus.Status = NtStatus.STATUS_SUCCESS;
            io.IoCompleteRequest(irp, 0);
            io.cancel().IoSetCancelRoutine(irp, (d, i) -> { });
            io.cancel().IoCancelIrp(irp);
        }));
        assertEquals(0x48, ((Stop.BugCheck) h.stop()).code());
        assertEquals(irp.address(), ((Stop.BugCheck) h.stop()).p1());
    }

    @Test
    void aCancelRoutineThatKeepsTheCancelLockIsBugCheck0x11B() {
        DeviceObject[] dev = new DeviceObject[1];
        Irp irp = pendedAt(dev);
        io.cancel().IoSetCancelRoutine(irp, (d, i) -> { });
        SystemHalt h = assertThrows(SystemHalt.class, () -> k.runThread(t, () -> io.cancel().IoCancelIrp(irp)));
        assertEquals(0x11B, ((Stop.BugCheck) h.stop()).code());
    }

    /** A CSQ over a list, logging completions of cancelled IRPs. */
    final class ListQueue implements CsqCallbacks {
        final IrpList list = new IrpList();
        final KSpinLock lock = new KSpinLock("q");
        final List<Irp> cancelled = new ArrayList<>();

        public void CsqInsertIrp(IoCsq c, Irp i) {
            list.InsertTailList(i);
        }

        public void CsqRemoveIrp(IoCsq c, Irp i) {
            list.RemoveEntryList(i);
        }

        public Irp CsqPeekNextIrp(IoCsq c, Irp i, Object peek) {
            return i == null ? list.first() : list.next(i);
        }

        public int CsqAcquireLock(IoCsq c) {
            return k.KeAcquireSpinLock(lock);
        }

        public void CsqReleaseLock(IoCsq c, int irql) {
            k.KeReleaseSpinLock(lock, irql);
        }

        public void CsqCompleteCanceledIrp(IoCsq c, Irp i) {
            cancelled.add(i);
            i.IoStatus.Status = NtStatus.STATUS_CANCELLED;
            io.IoCompleteRequest(i, 0);
        }
    }

    @Test
    void theCancelSafeQueueNeverHandsOutOrKeepsACancelledIrp() {
        DeviceObject[] dev = new DeviceObject[1];
        Irp a = pendedAt(dev);
        Irp b = pendedAt(dev);
        Irp c = pendedAt(dev);
        ListQueue q = new ListQueue();
        IoCsq csq = new IoCsq(io, q);
        k.runThread(t, () -> {
            csq.IoCsqInsertIrp(a, null);
            csq.IoCsqInsertIrp(b, null);
            assertEquals(2, q.list.size());
            io.cancel().IoCancelIrp(a);
            assertEquals(List.of(a), q.cancelled, "a queued IRP's cancel completes it through the queue");
            assertSame(b, csq.IoCsqRemoveNextIrp(null));
            assertNull(b.CancelRoutine(), "what the queue hands out is no longer cancelable");
            io.cancel().IoCancelIrp(c);
            csq.IoCsqInsertIrp(c, null);
            assertEquals(List.of(a, c), q.cancelled, "inserting a cancelled IRP completes it at once");
            assertTrue(q.list.IsListEmpty());
            assertNull(csq.IoCsqRemoveNextIrp(null));
        });
    }

    @Test
    void theRemoveLockRefusesNewWorkAndWaitsForOldWork() {
        IoRemoveLock lock = new IoRemoveLock(k);
        k.runThread(t, () -> {
            assertEquals(NtStatus.STATUS_SUCCESS, lock.IoAcquireRemoveLock());
            assertEquals(NtStatus.STATUS_SUCCESS, lock.IoAcquireRemoveLock());
            s.at(5_000, () -> lock.IoReleaseRemoveLock());
            lock.IoReleaseRemoveLockAndWait();
            assertEquals(NtStatus.STATUS_DELETE_PENDING, lock.IoAcquireRemoveLock());
        });
        assertEquals(5_000, s.now(), "the remove waited for the outstanding request");
        assertEquals(0, lock.ioCount());
    }

    @Test
    void spinLocksRaiseToDispatchAndCatchMisuse() {
        KSpinLock lock = new KSpinLock("l");
        k.runThread(t, () -> {
            int old = k.KeAcquireSpinLock(lock);
            assertEquals(0, old);
            assertEquals(2, k.KeGetCurrentIrql());
            k.KeReleaseSpinLock(lock, old);
            assertEquals(0, k.KeGetCurrentIrql());
        });
        SystemHalt twice = assertThrows(SystemHalt.class, () -> k.runThread(t, () -> {
            k.KeAcquireSpinLock(lock);
            k.KeAcquireSpinLock(lock);
        }));
        assertEquals(0x0F, ((Stop.BugCheck) twice.stop()).code());
    }

    @Test
    void aSpinLockInAnIsrIsIrqlNotGreaterOrEqual() {
        SystemHalt h = assertThrows(SystemHalt.class, () -> k.runThread(t, () -> {
            k.KeRaiseIrql(5);
            k.KeAcquireSpinLock(new KSpinLock("device"));
        }));
        assertEquals(new Stop.BugCheck(0x09, 5, 2, 0, 0), h.stop());
    }

    @Test
    void aBlockingWaitAtDispatchIsIrqlNotLessOrEqualButAPollIsFine() {
        KEvent e = new KEvent(KEvent.Type.NotificationEvent, false);
        k.runThread(t, () -> {
            int old = k.KeRaiseIrql(2);
            assertEquals(NtStatus.STATUS_TIMEOUT, k.KeWaitForSingleObject(e, 0L));
            k.KeLowerIrql(old);
        });
        SystemHalt h = assertThrows(SystemHalt.class, () -> k.runThread(t, () -> {
            k.KeRaiseIrql(2);
            k.KeWaitForSingleObject(e, null);
        }));
        assertEquals(0x0A, ((Stop.BugCheck) h.stop()).code());
        assertEquals(2, ((Stop.BugCheck) h.stop()).p2());
    }

    @Test
    void aWaitAtPassiveLetsTheRestOfTheMachineRunUntilTheEventIsSet() {
        KEvent e = new KEvent(KEvent.Type.NotificationEvent, false);
        Kdpc dpc = new Kdpc("setter", (d, c, a1, a2) -> {
            assertEquals(2, k.KeGetCurrentIrql());
            e.set();
        }, null);
        dpc.setTarget(1);
        s.at(7_000, () -> k.KeInsertQueueDpc(dpc, null, null));
        k.runThread(t, () -> assertEquals(NtStatus.STATUS_SUCCESS, k.KeWaitForSingleObject(e, null)));
        assertEquals(7_000, s.now());
        assertEquals(1, k.dpcsRun());
    }

    /** A DPC on processor 1 that sets {@code e} at {@code at} ns. */
    private void setAt(KEvent e, long at) {
        Kdpc dpc = new Kdpc("setter", (d, c, a1, a2) -> e.set(), null);
        dpc.setTarget(1);
        s.at(at, () -> k.KeInsertQueueDpc(dpc, null, null));
    }

    @Test
    void aRelativeTimeoutTheEventBeatsReturnsSuccessWhenTheEventIsSet() {
        KEvent e = new KEvent(KEvent.Type.NotificationEvent, false);
        setAt(e, 7_000);
        k.runThread(t, () -> {
            assertEquals(NtStatus.STATUS_SUCCESS, k.KeWaitForSingleObject(e, -100L), "-100 x 100 ns: 10 us from now");
            assertEquals(7_000, k.now());
        });
        assertEquals(0, s.pending(), "the timer of a wait the event ended is cancelled");
    }

    @Test
    void aRelativeTimeoutTheEventDoesNotBeatReturnsTimeoutWhenTheIntervalEnds() {
        KEvent e = new KEvent(KEvent.Type.NotificationEvent, false);
        setAt(e, 7_000);
        k.runThread(t, () -> {
            assertEquals(NtStatus.STATUS_TIMEOUT, k.KeWaitForSingleObject(e, -50L), "-50 x 100 ns: 5 us from now");
            assertEquals(5_000, k.now());
            assertEquals(NtStatus.STATUS_TIMEOUT, k.KeWaitForSingleObject(e, -10L));
            assertEquals(6_000, k.now(), "-10 is 1 us: the units are 100 ns");
        });
    }

    @Test
    void aPositiveTimeoutIsAnAbsoluteSystemTimeCountedFromTheMachinesStart() {
        KEvent e = new KEvent(KEvent.Type.NotificationEvent, false);
        k.runThread(t, () -> {
            assertEquals(NtStatus.STATUS_TIMEOUT, k.KeWaitForSingleObject(e, 30L), "until system time 30 x 100 ns");
            assertEquals(3_000, k.now());
            assertEquals(NtStatus.STATUS_TIMEOUT, k.KeWaitForSingleObject(e, 10L), "a time already past");
            assertEquals(3_000, k.now());
        });
        setAt(e, 9_000);
        s.runUntil(8_000);
        k.runThread(t, () -> assertEquals(NtStatus.STATUS_SUCCESS, k.KeWaitForSingleObject(e, 200L)));
        assertEquals(9_000, s.now());
    }

    @Test
    void aDpcQueuedTwiceRunsOnce() {
        int[] runs = new int[1];
        Kdpc dpc = new Kdpc("d", (d, c, a1, a2) -> runs[0]++, null);
        k.runThread(t, () -> {
            assertTrue(k.KeInsertQueueDpc(dpc, null, null));
            assertFalse(k.KeInsertQueueDpc(dpc, null, null));
        });
        s.run();
        assertEquals(1, runs[0]);
    }

    @Test
    void pagedPoolAtDispatchLevelIsDriverIrqlNotLessOrEqual() {
        PoolBlock paged = PoolBlock.ExAllocatePool2(k, PoolBlock.POOL_FLAG_PAGED, 16, 1);
        PoolBlock nonPaged = PoolBlock.ExAllocatePool2(k, PoolBlock.POOL_FLAG_NON_PAGED, 16, 1);
        k.runThread(t, () -> {
            paged.write(0, (byte) 1);
            k.KeRaiseIrql(2);
            nonPaged.write(0, (byte) 1);
            k.KeLowerIrql(0);
        });
        SystemHalt h = assertThrows(SystemHalt.class, () -> k.runThread(t, () -> {
            k.KeRaiseIrql(2);
            paged.read(3);
        }));
        Stop.BugCheck b = (Stop.BugCheck) h.stop();
        assertEquals(0xD1, b.code());
        assertEquals(2, b.p2());
        assertEquals(0, b.p3(), "a read");
    }

    @Test
    void statusCodesAreTheRealValuesAndPrintByName() {
        assertEquals(0x00000103, NtStatus.STATUS_PENDING);
        assertEquals(0xC0000120, NtStatus.STATUS_CANCELLED);
        assertEquals(0xC0000016, NtStatus.STATUS_MORE_PROCESSING_REQUIRED);
        assertEquals("STATUS_CANCELLED (0xC0000120)", NtStatus.describe(NtStatus.STATUS_CANCELLED));
        assertTrue(NtStatus.isSuccess(NtStatus.STATUS_PENDING));
        assertFalse(NtStatus.isSuccess(NtStatus.STATUS_BUFFER_OVERFLOW));
        assertFalse(NtStatus.isError(NtStatus.STATUS_BUFFER_OVERFLOW));
        assertTrue(NtStatus.isError(NtStatus.STATUS_CANCELLED));
        assertEquals("0x12345678", NtStatus.name(0x12345678));
        assertEquals(0x0007405C, org.sysmodels.irp.host.drivers.RamDisk.IOCTL_DISK_GET_LENGTH_INFO);
        assertEquals("IRP_MJ_DEVICE_CONTROL", IrpMajor.name(0x0e));
        assertEquals("IRP_MJ_PNP", IrpMajor.name(0x1b));
    }
}
