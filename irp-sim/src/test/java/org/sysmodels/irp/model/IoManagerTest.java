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
import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.DriverDispatch;
import org.sysmodels.irp.model.io.DriverObject;
import org.sysmodels.irp.model.io.IoManager;
import org.sysmodels.irp.model.io.IoStackLocation;
import org.sysmodels.irp.model.io.Irp;
import org.sysmodels.irp.model.io.IrpMajor;
import org.sysmodels.irp.model.io.Kernel;
import org.sysmodels.irp.model.io.IoStatusBlock;
import org.sysmodels.irp.model.ke.Costs;
import org.sysmodels.irp.model.ke.KEvent;
import org.sysmodels.irp.model.ke.KThread;

/**
 * The I/O manager's IRP operations, one behaviour at a time, against what ReactOS irp.c and the WDK say: stack
 * location arithmetic, the completion walk (routine flags, pending propagation, STATUS_MORE_PROCESSING_REQUIRED,
 * the device a routine gets), associated IRPs, and the bug checks 0x44 and 0x35.
 */
class IoManagerTest {

    Scheduler s;
    Kernel k;
    IoManager io;
    KThread t;
    List<String> log;

    @BeforeEach
    void setUp() {
        s = new Scheduler();
        k = new Kernel(s, 2, Costs.zero());
        io = k.io();
        t = k.createThread("test", 0);
        log = new ArrayList<>();
    }

    /** A stack of devices bottom-up, one driver each, dispatching IRP_MJ_READ with the given routines. */
    DeviceObject[] stack(DriverDispatch... bottomUp) {
        DeviceObject[] d = new DeviceObject[bottomUp.length];
        for (int i = 0; i < bottomUp.length; i++) {
            DriverObject drv = io.devices().createDriverObject("\\Driver\\L" + (i + 1), null);
            drv.MajorFunction[IrpMajor.IRP_MJ_READ] = bottomUp[i];
            d[i] = io.devices().IoCreateDevice(drv, null, "\\Device\\L" + (i + 1), 0);
            d[i].Flags &= ~DeviceObject.DO_DEVICE_INITIALIZING;    // as its AddDevice would
            if (i > 0) {
                io.devices().IoAttachDeviceToDeviceStack(d[i], d[0]);
            }
        }
        return d;
    }

    /** A read built as IoBuildSynchronousFsdRequest builds it, queued to the test thread. */
    Irp read(DeviceObject top) {
        Irp[] irp = new Irp[1];
        k.runThread(t, () -> irp[0] = io.IoBuildSynchronousFsdRequest(IrpMajor.IRP_MJ_READ, top, null, 512, 0,
                new KEvent(KEvent.Type.NotificationEvent, false), new IoStatusBlock()));
        return irp[0];
    }

    int call(DeviceObject top, Irp irp) {
        int[] st = new int[1];
        k.runThread(t, () -> st[0] = io.IoCallDriver(top, irp));
        return st[0];
    }

    DriverDispatch completes(int status) {
        return (d, irp) -> {
            irp.IoStatus.Status = status;
            io.IoCompleteRequest(irp, 0);
            return status;
        };
    }

    DriverDispatch forwardsWithRoutine(DeviceObject[] d, int below, int routineReturn, boolean onSuccess,
                                       boolean onError, boolean onCancel) {
        return (dev, irp) -> {
            io.IoCopyCurrentIrpStackLocationToNext(irp);
            io.IoSetCompletionRoutine(irp, (rd, ri, ctx) -> {
                log.add("routine of " + dev.name() + " gets " + (rd == null ? "null" : rd.name()) + " pending="
                        + ri.PendingReturned());
                return routineReturn;
            }, null, onSuccess, onError, onCancel);
            return io.IoCallDriver(d[below], irp);
        };
    }

    @Test
    void stackLocationsCountDownFromStackCountPlusOne() {
        DeviceObject[] d = new DeviceObject[3];
        int[] seen = new int[4];
        DeviceObject[] built = stack(
                (dev, irp) -> {
                    seen[1] = irp.CurrentLocation();
                    irp.IoStatus.Status = NtStatus.STATUS_SUCCESS;
                    io.IoCompleteRequest(irp, 0);
                    return 0;
                },
                (dev, irp) -> {
                    seen[2] = irp.CurrentLocation();
                    io.IoSkipCurrentIrpStackLocation(irp);
                    return io.IoCallDriver(d[0], irp);
                },
                (dev, irp) -> {
                    seen[3] = irp.CurrentLocation();
                    io.IoCopyCurrentIrpStackLocationToNext(irp);
                    return io.IoCallDriver(d[1], irp);
                });
        System.arraycopy(built, 0, d, 0, 3);
        assertEquals(3, d[2].StackSize());
        assertSame(d[2], io.devices().IoGetAttachedDevice(d[0]));
        Irp irp = read(d[2]);
        assertEquals(3, irp.StackCount());
        assertEquals(4, irp.CurrentLocation());
        call(d[2], irp);
        assertEquals(3, seen[3], "the top driver has the highest location");
        assertEquals(2, seen[2]);
        assertEquals(2, seen[1], "after a skip the lower driver reuses the same location");
        assertEquals(5, irp.CurrentLocation(), "completed: StackCount + 2");
        assertTrue(irp.completed());
        assertFalse(irp.inUse(), "the completion APC ran at once in the issuing thread and freed the IRP");
    }

    @Test
    void completionRoutinesRunBottomUpWithTheDeviceOfTheirLevelAndNullAtTheTop() {
        DeviceObject[] d = new DeviceObject[3];
        System.arraycopy(stack(completes(NtStatus.STATUS_SUCCESS), null, null), 0, d, 0, 3);
        d[1].DriverObject.MajorFunction[IrpMajor.IRP_MJ_READ] = forwardsWithRoutine(d, 0,
                NtStatus.STATUS_CONTINUE_COMPLETION, true, true, true);
        d[2].DriverObject.MajorFunction[IrpMajor.IRP_MJ_READ] = forwardsWithRoutine(d, 1,
                NtStatus.STATUS_CONTINUE_COMPLETION, true, true, true);
        Irp irp = read(d[2]);
        // a threaded IRP (IoBuildSynchronousFsdRequest): the I/O manager frees it, its creator's routine does not
        io.IoSetCompletionRoutine(irp, (rd, ri, c) -> {
            log.add("creator's routine gets " + (rd == null ? "null" : rd.name()));
            return NtStatus.STATUS_CONTINUE_COMPLETION;
        }, null, true, true, true);
        call(d[2], irp);
        assertEquals(List.of("routine of \\Device\\L2 gets \\Device\\L2 pending=false",
                "routine of \\Device\\L3 gets \\Device\\L3 pending=false", "creator's routine gets null"), log);
    }

    @Test
    void aRoutineRunsOnlyWhenItsFlagMatchesTheOutcome() {
        DeviceObject[] d = new DeviceObject[2];
        System.arraycopy(stack(completes(NtStatus.STATUS_SUCCESS), null), 0, d, 0, 2);
        d[1].DriverObject.MajorFunction[IrpMajor.IRP_MJ_READ] = forwardsWithRoutine(d, 0,
                NtStatus.STATUS_CONTINUE_COMPLETION, false, true, false);
        Irp irp = read(d[1]);
        call(d[1], irp);
        assertTrue(log.isEmpty(), "an error-only routine does not run on success");
        d[0].DriverObject.MajorFunction[IrpMajor.IRP_MJ_READ] = completes(NtStatus.STATUS_END_OF_FILE);
        Irp irp2 = read(d[1]);
        call(d[1], irp2);
        assertEquals(1, log.size(), "it runs on an error");
    }

    @Test
    void theWalkClearsALocationBeforeItsRoutineAndMarksAnErrorInIt() {
        DeviceObject[] d = new DeviceObject[2];
        System.arraycopy(stack(completes(NtStatus.STATUS_END_OF_FILE), null), 0, d, 0, 2);
        int[] seen = new int[4];
        d[1].DriverObject.MajorFunction[IrpMajor.IRP_MJ_READ] = (dev, irp) -> {
            io.IoCopyCurrentIrpStackLocationToNext(irp);
            io.IoSetCompletionRoutine(irp, (rd, ri, ctx) -> {
                IoStackLocation own = ri.location(1);
                seen[0] = own.Parameters.Read.Length;
                seen[1] = own.Control() & IoStackLocation.SL_ERROR_RETURNED;
                seen[2] = own.MajorFunction;
                seen[3] = own.Control() & IoStackLocation.SL_INVOKE_ON_ERROR;
                return NtStatus.STATUS_CONTINUE_COMPLETION;
            }, null, true, true, true);
            return io.IoCallDriver(d[0], irp);
        };
        Irp irp = read(d[1]);
        call(d[1], irp);
        assertEquals(0, seen[0], "IopClearStackLocation zeroed the parameters before the routine ran");
        assertEquals(IoStackLocation.SL_ERROR_RETURNED, seen[1], "an error status marks the location");
        assertEquals(IrpMajor.IRP_MJ_READ, seen[2], "the major function is kept");
        assertEquals(0, seen[3], "the invoke flags are cleared");
    }

    @Test
    void onCancelRoutineRunsForACancelledIrpWhateverTheStatus() {
        DeviceObject[] d = new DeviceObject[2];
        System.arraycopy(stack(completes(NtStatus.STATUS_SUCCESS), null), 0, d, 0, 2);
        d[0].DriverObject.MajorFunction[IrpMajor.IRP_MJ_READ] = (dev, irp) -> {
            assertFalse(io.cancel().IoCancelIrp(irp), "no cancel routine: not cancelable now");
            assertTrue(irp.Cancel());
            irp.IoStatus.Status = NtStatus.STATUS_SUCCESS;
            io.IoCompleteRequest(irp, 0);
            return 0;
        };
        d[1].DriverObject.MajorFunction[IrpMajor.IRP_MJ_READ] = forwardsWithRoutine(d, 0,
                NtStatus.STATUS_CONTINUE_COMPLETION, false, false, true);
        call(d[1], read(d[1]));
        assertEquals(1, log.size());
    }

    @Test
    void moreProcessingRequiredStopsTheWalkAndASecondCompletionResumesIt() {
        DeviceObject[] d = new DeviceObject[3];
        System.arraycopy(stack(completes(NtStatus.STATUS_SUCCESS), null, null), 0, d, 0, 3);
        d[1].DriverObject.MajorFunction[IrpMajor.IRP_MJ_READ] = forwardsWithRoutine(d, 0,
                NtStatus.STATUS_MORE_PROCESSING_REQUIRED, true, true, true);
        d[2].DriverObject.MajorFunction[IrpMajor.IRP_MJ_READ] = forwardsWithRoutine(d, 1,
                NtStatus.STATUS_CONTINUE_COMPLETION, true, true, true);
        Irp irp = read(d[2]);
        call(d[2], irp);
        assertEquals(1, log.size(), "the walk stopped at level 2");
        assertEquals(2, irp.CurrentLocation(), "the IRP is level 2's again, at its own location");
        k.runThread(t, () -> io.IoCompleteRequest(irp, 0));
        assertEquals(2, log.size(), "completing again resumes the walk above level 2");
        assertFalse(irp.inUse(), "finished and freed");
    }

    @Test
    void aRoutineThatMovesCurrentLocationMovesTheWalkWithIt() {
        DeviceObject[] d = new DeviceObject[4];
        System.arraycopy(stack(completes(NtStatus.STATUS_SUCCESS), null, null, null), 0, d, 0, 4);
        d[1].DriverObject.MajorFunction[IrpMajor.IRP_MJ_READ] = (dev, irp) -> {
            io.IoCopyCurrentIrpStackLocationToNext(irp);
            io.IoSetCompletionRoutine(irp, (rd, ri, ctx) -> {
                log.add("routine of " + dev.name() + " at " + ri.CurrentLocation());
                io.IoSkipCurrentIrpStackLocation(ri);
                return NtStatus.STATUS_CONTINUE_COMPLETION;
            }, null, true, true, true);
            return io.IoCallDriver(d[0], irp);
        };
        d[2].DriverObject.MajorFunction[IrpMajor.IRP_MJ_READ] = forwardsWithRoutine(d, 1,
                NtStatus.STATUS_CONTINUE_COMPLETION, true, true, true);
        d[3].DriverObject.MajorFunction[IrpMajor.IRP_MJ_READ] = forwardsWithRoutine(d, 2,
                NtStatus.STATUS_CONTINUE_COMPLETION, true, true, true);
        Irp irp = read(d[3]);
        call(d[3], irp);
        assertEquals(List.of("routine of \\Device\\L2 at 2",
                "routine of \\Device\\L4 gets \\Device\\L4 pending=false"), log,
                "the walk goes on above the location the routine moved CurrentLocation to, so L3's routine is passed");
        assertEquals(6, irp.CurrentLocation(), "StackCount + 2 at the end of the walk");
    }

    @Test
    void pendingPropagatesUpThroughALocationWithoutARoutine() {
        DeviceObject[] d = new DeviceObject[3];
        Irp[] held = new Irp[1];
        System.arraycopy(stack((dev, irp) -> {
            io.IoMarkIrpPending(irp);
            held[0] = irp;
            return NtStatus.STATUS_PENDING;
        }, null, null), 0, d, 0, 3);
        d[1].DriverObject.MajorFunction[IrpMajor.IRP_MJ_READ] = (dev, irp) -> {
            io.IoCopyCurrentIrpStackLocationToNext(irp);
            return io.IoCallDriver(d[0], irp);
        };
        d[2].DriverObject.MajorFunction[IrpMajor.IRP_MJ_READ] = forwardsWithRoutine(d, 1,
                NtStatus.STATUS_CONTINUE_COMPLETION, true, true, true);
        Irp irp = read(d[2]);
        assertEquals(NtStatus.STATUS_PENDING, call(d[2], irp));
        k.runThread(t, () -> {
            held[0].IoStatus.Status = NtStatus.STATUS_SUCCESS;
            io.IoCompleteRequest(held[0], 0);
        });
        assertEquals(List.of("routine of \\Device\\L3 gets \\Device\\L3 pending=true"), log,
                "the bottom's SL_PENDING_RETURNED was carried to level 2's location, which level 3's routine sees");
    }

    @Test
    void completingTwiceIsBugCheck0x44WithTheIrp() {
        DeviceObject[] d = stack((dev, irp) -> {
            irp.IoStatus.Status = NtStatus.STATUS_SUCCESS;
            io.IoCompleteRequest(irp, 0);
            io.IoCompleteRequest(irp, 0);
            return 0;
        });
        Irp irp = read(d[0]);
        SystemHalt h = assertThrows(SystemHalt.class, () -> call(d[0], irp));
        assertEquals(new Stop.BugCheck(0x44, irp.address(), 0, 0, 0), h.stop());
    }

    @Test
    void runningOutOfStackLocationsIsBugCheck0x35() {
        DeviceObject[] d = new DeviceObject[2];
        System.arraycopy(stack(completes(NtStatus.STATUS_SUCCESS), null), 0, d, 0, 2);
        d[1].DriverObject.MajorFunction[IrpMajor.IRP_MJ_READ] = (dev, irp) -> {
            io.IoCopyCurrentIrpStackLocationToNext(irp);
            io.IoSetNextIrpStackLocation(irp);
            return io.IoCallDriver(d[0], irp);
        };
        Irp irp = read(d[1]);
        SystemHalt h = assertThrows(SystemHalt.class, () -> call(d[1], irp));
        assertEquals(new Stop.BugCheck(0x35, irp.address(), 0, 0, 0), h.stop());
    }

    @Test
    void theMasterCompletesWhenItsLastAssociatedIrpDoes() {
        DeviceObject[] d = stack(completes(NtStatus.STATUS_SUCCESS));
        Irp master = read(d[0]);
        int generation = master.generation();
        k.runThread(t, () -> {
            master.AssociatedIrp.IrpCount = 3;
            for (int i = 0; i < 3; i++) {
                Irp a = io.IoMakeAssociatedIrp(master, 1);
                io.IoGetNextIrpStackLocation(a).MajorFunction = IrpMajor.IRP_MJ_READ;
                assertFalse(master.completed());
                io.IoCallDriver(d[0], a);
                assertFalse(a.inUse(), "the I/O manager frees an associated IRP");
            }
        });
        assertTrue(!master.inUse() || master.generation() != generation,
                "the third completion completed (and finished) the master");
    }

    @Test
    void setCompletionRoutineWritesTheNextLocationsControl() {
        Irp irp = io.IoAllocateIrp(2, false);
        assertEquals(3, irp.CurrentLocation());
        io.IoSetCompletionRoutine(irp, (a, b, c) -> 0, "ctx", true, false, true);
        IoStackLocation next = io.IoGetNextIrpStackLocation(irp);
        assertEquals(IoStackLocation.SL_INVOKE_ON_SUCCESS | IoStackLocation.SL_INVOKE_ON_CANCEL, next.Control());
        assertEquals("ctx", next.Context());
        assertNull(irp.location(1).CompletionRoutine());
    }

    @Test
    void theLookasideListServesASteadyWorkloadFromAFewPackets() {
        DeviceObject[] d = stack(completes(NtStatus.STATUS_SUCCESS));
        for (int i = 0; i < 1000; i++) {
            call(d[0], read(d[0]));
        }
        assertEquals(1, io.lookaside().created());
        assertEquals(1000, io.lookaside().totalAllocates());
    }
}
