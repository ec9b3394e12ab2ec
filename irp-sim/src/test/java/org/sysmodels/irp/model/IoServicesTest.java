package org.sysmodels.irp.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.irp.model.NtStatus;
import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.DriverDispatch;
import org.sysmodels.irp.model.io.DriverObject;
import org.sysmodels.irp.model.io.IoManager;
import org.sysmodels.irp.model.io.IoStackLocation;
import org.sysmodels.irp.model.io.IoStatusBlock;
import org.sysmodels.irp.model.io.IoWorkItem;
import org.sysmodels.irp.model.io.Ioctl;
import org.sysmodels.irp.model.io.Irp;
import org.sysmodels.irp.model.io.IrpMajor;
import org.sysmodels.irp.model.io.Kernel;
import org.sysmodels.irp.model.ke.Costs;
import org.sysmodels.irp.model.ke.KEvent;
import org.sysmodels.irp.model.ke.KThread;
import org.sysmodels.irp.model.ke.Kdpc;

/**
 * The I/O manager's helper services, each against its WDK page and ReactOS irp.c/iowork.c: IoForwardIrpSynchronously
 * (the IRP comes back to the caller, after a wait if the lower driver pended), IoBuildDeviceIoControlRequest (the
 * next location, the buffer, the event and IO_STATUS_BLOCK at completion), IoAllocateIrp/IoReuseIrp/IoFreeIrp,
 * IoCopyCurrentIrpStackLocationToNext (Control cleared, the routine not inherited) and work items (PASSIVE_LEVEL).
 */
class IoServicesTest {

    static final int IOCTL_TEST = Ioctl.CTL_CODE(0x22, 0x800, Ioctl.METHOD_BUFFERED, 0);

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

    /** A stack bottom-up, one driver per device, each dispatching {@code major} with the given routine. */
    DeviceObject[] stack(int major, DriverDispatch... bottomUp) {
        DeviceObject[] d = new DeviceObject[bottomUp.length];
        for (int i = 0; i < bottomUp.length; i++) {
            DriverObject drv = io.devices().createDriverObject("\\Driver\\L" + (i + 1), null);
            drv.MajorFunction[major] = bottomUp[i];
            d[i] = io.devices().IoCreateDevice(drv, null, "\\Device\\L" + (i + 1), 0);
            d[i].Flags &= ~DeviceObject.DO_DEVICE_INITIALIZING;    // as its AddDevice would
            if (i > 0) {
                io.devices().IoAttachDeviceToDeviceStack(d[i], d[0]);
            }
        }
        return d;
    }

    Irp read(DeviceObject top, IoStatusBlock iosb) {
        Irp[] irp = new Irp[1];
        k.runThread(t, () -> irp[0] = io.IoBuildSynchronousFsdRequest(IrpMajor.IRP_MJ_READ, top, null, 512, 0,
                new KEvent(KEvent.Type.NotificationEvent, false), iosb));
        return irp[0];
    }

    int call(DeviceObject top, Irp irp) {
        int[] st = new int[1];
        k.runThread(t, () -> st[0] = io.IoCallDriver(top, irp));
        return st[0];
    }

    @Test
    void forwardIrpSynchronouslyWaitsForAPendedLowerDriverAndHandsTheIrpBack() {
        Irp[] held = new Irp[1];
        Kdpc finish = new Kdpc("finish", (dpc, ctx, a1, a2) -> {
            held[0].IoStatus.Status = NtStatus.STATUS_SUCCESS;
            held[0].IoStatus.Information = 512;
            io.IoCompleteRequest(held[0], 0);
        }, null);
        finish.setTarget(1);
        DeviceObject[] d = new DeviceObject[2];
        System.arraycopy(stack(IrpMajor.IRP_MJ_READ,
                (dev, irp) -> {
                    io.IoMarkIrpPending(irp);
                    held[0] = irp;
                    s.at(5_000, () -> k.KeInsertQueueDpc(finish, null, null));
                    return NtStatus.STATUS_PENDING;
                },
                (dev, irp) -> {
                    assertTrue(io.IoForwardIrpSynchronously(d[0], irp));
                    log.add("back at " + s.now() + " with " + NtStatus.name(irp.IoStatus.Status) + " "
                            + irp.IoStatus.Information + ", completed=" + irp.completed());
                    irp.IoStatus.Information = 100;
                    io.IoCompleteRequest(irp, 0);
                    return NtStatus.STATUS_SUCCESS;
                }), 0, d, 0, 2);
        IoStatusBlock iosb = new IoStatusBlock();
        Irp irp = read(d[1], iosb);
        assertEquals(NtStatus.STATUS_SUCCESS, call(d[1], irp), "the forwarding driver waited, so nothing pends");
        assertEquals(List.of("back at 5000 with STATUS_SUCCESS 512, completed=false"), log,
                "the lower driver's completion stopped at the forwarding driver's location (MORE_PROCESSING)");
        s.run();
        assertEquals(NtStatus.STATUS_SUCCESS, iosb.Status);
        assertEquals(100, iosb.Information, "the caller sees what the forwarding driver completed with");
        assertFalse(irp.inUse());
    }

    @Test
    void forwardIrpSynchronouslyFromTheLastLocationReturnsFalse() {
        boolean[] forwarded = {true};
        DeviceObject[] d = stack(IrpMajor.IRP_MJ_READ, (dev, irp) -> {
            forwarded[0] = io.IoForwardIrpSynchronously(dev, irp);
            irp.IoStatus.Status = NtStatus.STATUS_INVALID_DEVICE_REQUEST;
            io.IoCompleteRequest(irp, 0);
            return NtStatus.STATUS_INVALID_DEVICE_REQUEST;
        });
        IoStatusBlock iosb = new IoStatusBlock();
        assertEquals(NtStatus.STATUS_INVALID_DEVICE_REQUEST, call(d[0], read(d[0], iosb)));
        assertFalse(forwarded[0], "no location below the only one: IoForwardIrpSynchronously returns FALSE");
        s.run();
        assertEquals(NtStatus.STATUS_INVALID_DEVICE_REQUEST, iosb.Status);
    }

    @Test
    void buildDeviceIoControlRequestFillsTheNextLocationAndSignalsItsEventOnCompletion() {
        DeviceObject[] d = stack(IrpMajor.IRP_MJ_DEVICE_CONTROL, (dev, irp) -> {
            IoStackLocation sl = io.IoGetCurrentIrpStackLocation(irp);
            log.add("ioctl 0x" + Integer.toHexString(sl.Parameters.DeviceIoControl.IoControlCode) + " out "
                    + sl.Parameters.DeviceIoControl.OutputBufferLength);
            irp.AssociatedIrp.SystemBuffer[0] = 42;
            irp.IoStatus.Status = NtStatus.STATUS_SUCCESS;
            irp.IoStatus.Information = 8;
            io.IoCompleteRequest(irp, 0);
            return NtStatus.STATUS_SUCCESS;
        });
        KEvent done = new KEvent(KEvent.Type.NotificationEvent, false);
        IoStatusBlock iosb = new IoStatusBlock();
        Irp[] built = new Irp[1];
        k.runThread(t, () -> built[0] = io.IoBuildDeviceIoControlRequest(IOCTL_TEST, d[0], 0, 8, false, done,
                iosb));
        Irp irp = built[0];
        assertEquals(2, irp.CurrentLocation(), "not yet called: StackCount + 1");
        IoStackLocation next = irp.location(1);
        assertEquals(IrpMajor.IRP_MJ_DEVICE_CONTROL, next.MajorFunction);
        assertEquals(8, irp.AssociatedIrp.SystemBuffer.length, "METHOD_BUFFERED: one system buffer, the larger size");
        assertTrue((irp.Flags() & Irp.IRP_BUFFERED_IO) != 0);
        assertSame(t, irp.Thread(), "queued to the calling thread");
        byte[] buffer = irp.AssociatedIrp.SystemBuffer;
        assertEquals(NtStatus.STATUS_SUCCESS, call(d[0], irp));
        s.run();
        assertEquals(List.of("ioctl 0x" + Integer.toHexString(IOCTL_TEST) + " out 8"), log);
        assertTrue(done.signaled(), "the I/O manager signals the caller's event");
        assertEquals(NtStatus.STATUS_SUCCESS, iosb.Status);
        assertEquals(8, iosb.Information);
        assertEquals(42, buffer[0]);
        assertFalse(irp.inUse());
    }

    @Test
    void anInternalDeviceControlRequestGoesToTheInternalEntry() {
        DeviceObject[] d = stack(IrpMajor.IRP_MJ_INTERNAL_DEVICE_CONTROL, (dev, irp) -> {
            irp.IoStatus.Status = NtStatus.STATUS_SUCCESS;
            io.IoCompleteRequest(irp, 0);
            return NtStatus.STATUS_SUCCESS;
        });
        IoStatusBlock iosb = new IoStatusBlock();
        Irp[] built = new Irp[1];
        k.runThread(t, () -> built[0] = io.IoBuildDeviceIoControlRequest(IOCTL_TEST, d[0], 0, 0, true,
                new KEvent(KEvent.Type.NotificationEvent, false), iosb));
        assertEquals(IrpMajor.IRP_MJ_INTERNAL_DEVICE_CONTROL, built[0].location(1).MajorFunction);
        assertNull(built[0].AssociatedIrp.SystemBuffer, "no buffer when both lengths are 0");
        assertEquals(NtStatus.STATUS_SUCCESS, call(d[0], built[0]));
    }

    @Test
    void anAllocatedIrpIsReusedThenFreedAndASecondFreeIsBugCheck0xC9() {
        int[] calls = new int[1];
        DeviceObject[] d = stack(IrpMajor.IRP_MJ_READ, (dev, irp) -> {
            calls[0]++;
            irp.IoStatus.Status = NtStatus.STATUS_SUCCESS;
            io.IoCompleteRequest(irp, 0);
            return NtStatus.STATUS_SUCCESS;
        });
        Irp irp = io.IoAllocateIrp(d[0].StackSize(), false);
        assertThrows(IllegalArgumentException.class, () -> io.IoAllocateIrp(0, false));
        for (int round = 0; round < 2; round++) {
            assertEquals(2, irp.CurrentLocation(), "round " + round + ": a fresh packet starts at StackCount + 1");
            assertFalse(irp.completed());
            io.IoGetNextIrpStackLocation(irp).MajorFunction = IrpMajor.IRP_MJ_READ;
            io.IoSetCompletionRoutine(irp, (dev, i, ctx) -> {
                log.add("routine " + NtStatus.name(i.IoStatus.Status));
                return NtStatus.STATUS_MORE_PROCESSING_REQUIRED;
            }, null, true, true, true);
            assertEquals(NtStatus.STATUS_SUCCESS, call(d[0], irp));
            assertTrue(irp.inUse(), "MORE_PROCESSING_REQUIRED keeps the packet with its allocator");
            io.IoReuseIrp(irp, NtStatus.STATUS_NOT_SUPPORTED);
            assertEquals(NtStatus.STATUS_NOT_SUPPORTED, irp.IoStatus.Status, "IoReuseIrp sets IoStatus.Status");
            assertEquals(0, io.IoGetNextIrpStackLocation(irp).Control(), "the locations are cleared");
        }
        assertEquals(2, calls[0]);
        assertEquals(List.of("routine STATUS_SUCCESS", "routine STATUS_SUCCESS"), log);
        io.IoFreeIrp(irp);
        assertFalse(irp.inUse());
        SystemHalt twice = assertThrows(SystemHalt.class, () -> io.IoFreeIrp(irp));
        Stop.BugCheck b = (Stop.BugCheck) twice.stop();
        assertEquals(0xC9, b.code());
        assertEquals(0x01, b.p1());
    }

    @Test
    void copyToNextClearsControlSoTheRoutineAboveIsNotInheritedButSkipReusesIt() {
        DeviceObject[] d = new DeviceObject[3];
        int[] control = new int[2];
        System.arraycopy(stack(IrpMajor.IRP_MJ_READ,
                (dev, irp) -> {
                    irp.IoStatus.Status = NtStatus.STATUS_SUCCESS;
                    io.IoCompleteRequest(irp, 0);
                    return NtStatus.STATUS_SUCCESS;
                },
                (dev, irp) -> {
                    io.IoCopyCurrentIrpStackLocationToNext(irp);
                    IoStackLocation next = io.IoGetNextIrpStackLocation(irp);
                    control[0] = next.Control();
                    assertNull(next.CompletionRoutine());
                    assertEquals(IrpMajor.IRP_MJ_READ, next.MajorFunction, "the parameters are copied");
                    return io.IoCallDriver(d[0], irp);
                },
                (dev, irp) -> {
                    io.IoCopyCurrentIrpStackLocationToNext(irp);
                    io.IoSetCompletionRoutine(irp, (rd, ri, ctx) -> {
                        log.add("top's routine");
                        return NtStatus.STATUS_CONTINUE_COMPLETION;
                    }, null, true, true, true);
                    control[1] = io.IoGetNextIrpStackLocation(irp).Control();
                    return io.IoCallDriver(d[1], irp);
                }), 0, d, 0, 3);
        assertEquals(NtStatus.STATUS_SUCCESS, call(d[2], read(d[2], new IoStatusBlock())));
        assertEquals(0, control[0], "IoCopyCurrentIrpStackLocationToNext clears the next location's Control");
        assertEquals(IoStackLocation.SL_INVOKE_ON_SUCCESS | IoStackLocation.SL_INVOKE_ON_ERROR
                | IoStackLocation.SL_INVOKE_ON_CANCEL, control[1]);
        assertEquals(List.of("top's routine"), log, "the top's routine runs once, at its own level");
    }

    @Test
    void aWorkItemQueuedFromADpcRunsAtPassiveLevelWhereItMayWait() {
        DeviceObject[] d = stack(IrpMajor.IRP_MJ_READ, (dev, irp) -> NtStatus.STATUS_SUCCESS);
        IoWorkItem item = io.devices().IoAllocateWorkItem(d[0]);
        KEvent never = new KEvent(KEvent.Type.NotificationEvent, false);
        Kdpc dpc = new Kdpc("queue work", (x, ctx, a1, a2) -> {
            log.add("dpc at IRQL " + k.KeGetCurrentIrql());
            io.devices().IoQueueWorkItem(item, (dev, context) -> {
                log.add("work item at IRQL " + k.KeGetCurrentIrql() + " for " + dev.name() + " with " + context);
                log.add("wait: " + NtStatus.name(k.KeWaitForSingleObject(never, -10L)));
            }, "ctx");
            assertTrue(item.queued());
        }, null);
        dpc.setTarget(0);
        s.at(1_000, () -> k.KeInsertQueueDpc(dpc, null, null));
        s.run();
        assertEquals(List.of("dpc at IRQL 2", "work item at IRQL 0 for " + d[0].name() + " with ctx",
                "wait: STATUS_TIMEOUT"), log);
        assertFalse(item.queued());
        assertNotNull(item.device());
    }

    @Test
    void ioctlCodesFollowCtlCode() {
        assertEquals(0x0007405C, Ioctl.CTL_CODE(0x07, 0x17, Ioctl.METHOD_BUFFERED, 1),
                "IOCTL_DISK_GET_LENGTH_INFO = CTL_CODE(IOCTL_DISK_BASE, 0x17, METHOD_BUFFERED, FILE_READ_ACCESS)");
        assertArrayEquals(new int[] {0x22, 0x800, 0, 0}, new int[] {IOCTL_TEST >>> 16, (IOCTL_TEST >>> 2) & 0xFFF,
                IOCTL_TEST & 3, (IOCTL_TEST >>> 14) & 3});
    }

    @Test
    void nothingAttachesAboveADeviceStillInitializingAndDriverEntrysDevicesAreClearedForIt() {
        DriverObject bus = io.devices().createDriverObject("\\Driver\\Bus", null);
        DeviceObject pdo = io.devices().IoCreateDevice(bus, null, "\\Device\\Pdo", 0);
        DriverObject fn = io.devices().createDriverObject("\\Driver\\Fn", null);
        DeviceObject fdo = io.devices().IoCreateDevice(fn, null, null, 0);
        assertNull(io.devices().IoAttachDeviceToDeviceStack(fdo, pdo), "the PDO is still initializing");
        assertEquals(1, fdo.StackSize());
        pdo.Flags &= ~DeviceObject.DO_DEVICE_INITIALIZING;
        assertSame(pdo, io.devices().IoAttachDeviceToDeviceStack(fdo, pdo));
        DriverObject filter = io.devices().createDriverObject("\\Driver\\Filter", null);
        DeviceObject fido = io.devices().IoCreateDevice(filter, null, null, 0);
        assertNull(io.devices().IoAttachDeviceToDeviceStack(fido, pdo), "the top (the FDO) is checked");
        assertSame(fdo, io.devices().IoGetAttachedDevice(pdo));

        DriverObject legacy = io.devices().createDriverObject("\\Driver\\Legacy", null);
        DeviceObject[] made = new DeviceObject[1];
        k.runThread(t, () -> io.devices().callDriverEntry(legacy, (d, path) -> {
            made[0] = io.devices().IoCreateDevice(d, null, "\\Device\\Legacy", 0);
            return NtStatus.STATUS_SUCCESS;
        }));
        assertEquals(0, made[0].Flags & DeviceObject.DO_DEVICE_INITIALIZING, "the I/O manager clears it");
    }
}
