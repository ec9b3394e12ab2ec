package org.sysmodels.irp.model.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.core.testing.Props;
import org.sysmodels.irp.model.NtStatus;
import org.sysmodels.irp.model.ke.Costs;
import org.sysmodels.irp.model.ke.KEvent;
import org.sysmodels.irp.model.ke.KThread;
import org.sysmodels.irp.model.ke.Kdpc;

/**
 * Light frames (a machine nobody observes pushes only the kind, device, IRP and routine of a dispatch or completion
 * routine, and {@link Kernel#frame()} writes the rest when it is read) against full frames: the same random driver
 * programs run on an observed machine, where every frame is written in full, and on an unobserved one must give every
 * reader of the running routine the same answers (kind, driver, device, IRP, routine, student's line, depth; the
 * allocating driver of IoAllocateIrp, the owner of KeInitializeDpc, what IoSetCompletionRoutine records).
 */
class LightFrameTest {

    /** An observer that watches nothing, so the machine is observed and writes its frames in full. */
    private static final IoObserver WATCHING = new IoObserver() {
    };

    @Test
    void readersSeeWhatFullFramesShow() {
        Props.property(300).forAll(lists().of(integers().between(0, 7)).ofSizeBetween(1, 40),
                integers().between(1, 4)).checkAssert((ops, depth) -> assertEquals(run(ops, depth, true),
                        run(ops, depth, false), "ops " + ops + ", stack of " + depth));
    }

    @Test
    void anObserverArrivingInsideALightRoutineGetsItsFrameWhole() {
        Kernel k = new Kernel(new Scheduler(), 1, Costs.zero());
        IoManager io = k.io();
        List<String> seen = new ArrayList<>();
        IoObserver callers = new IoObserver() {
            @Override
            public void onCallDriver(RoutineFrame caller, DeviceObject target, Irp irp) {
                seen.add(caller.kind() + " " + caller.driver().DriverName + " " + caller.flags());
            }
        };
        DeviceObject[] d = stack(io, 2, new Iterator<>() {
            public boolean hasNext() {
                return false;
            }

            public Integer next() {
                return 0;
            }
        }, new ArrayList<>(), k);
        d[1].DriverObject.MajorFunction[IrpMajor.IRP_MJ_READ] = (device, irp) -> {
            assertNotEquals(0, k.observedFrame().light, "entered light");
            k.setObserver(callers);
            assertEquals(0, k.observedFrame().light, "completed when the observer came");
            io.IoSkipCurrentIrpStackLocation(irp);
            return io.IoCallDriver(d[0], irp);
        };
        KThread t = k.createThread("t", 0);
        k.runThread(t, () -> io.IoCallDriver(d[1], read(io, d[1])));
        assertEquals(List.of("DISPATCH \\Driver\\L2 " + RoutineFrame.SKIPPED), seen);
    }

    /** Runs one program; @return what the readers saw, one line each. */
    private static List<String> run(List<Integer> ops, int depth, boolean observed) {
        Kernel k = new Kernel(new Scheduler(), 1, Costs.zero());
        if (observed) {
            k.setObserver(WATCHING);
        }
        IoManager io = k.io();
        List<String> log = new ArrayList<>();
        DeviceObject[] d = stack(io, depth, ops.iterator(), log, k);
        KThread t = k.createThread("t", 0);
        k.runThread(t, () -> {
            Irp irp = read(io, d[depth - 1]);
            log.add("returned " + io.IoCallDriver(d[depth - 1], irp));
            log.add("outside " + describe(k.frame()));
        });
        return log;
    }

    private static Irp read(IoManager io, DeviceObject top) {
        return io.IoBuildSynchronousFsdRequest(IrpMajor.IRP_MJ_READ, top, null, 512, 0,
                new KEvent(KEvent.Type.NotificationEvent, false), new IoStatusBlock());
    }

    /** Devices bottom-up, each driver's read routine and completion routine running {@code ops} in turn. */
    private static DeviceObject[] stack(IoManager io, int depth, Iterator<Integer> ops, List<String> log, Kernel k) {
        DeviceObject[] d = new DeviceObject[depth];
        for (int i = 0; i < depth; i++) {
            DriverObject drv = io.devices().createDriverObject("\\Driver\\L" + (i + 1), null);
            d[i] = io.devices().IoCreateDevice(drv, null, "\\Device\\L" + (i + 1), 0);
            d[i].Flags &= ~DeviceObject.DO_DEVICE_INITIALIZING;    // as its AddDevice would
            if (i > 0) {
                io.devices().IoAttachDeviceToDeviceStack(d[i], d[0]);
            }
            DeviceObject lower = i == 0 ? null : d[i - 1];
            IoCompletionRoutine completion = (device, irp, context) -> {
                log.add("completion " + describe(k.frame()));
                if (ops.hasNext()) {
                    read(ops.next(), io, k, log, irp);
                }
                return NtStatus.STATUS_SUCCESS;
            };
            drv.MajorFunction[IrpMajor.IRP_MJ_READ] = (device, irp) -> {
                while (ops.hasNext()) {
                    int op = ops.next();
                    if (op == 0 && lower != null) {
                        io.IoCopyCurrentIrpStackLocationToNext(irp);
                        io.IoSetCompletionRoutine(irp, completion, null, true, true, true);
                        log.add("set at " + io.IoGetNextIrpStackLocation(irp).completionSetAt);
                        int status = io.IoCallDriver(lower, irp);
                        log.add("back in " + describe(k.frame()));
                        return status;
                    }
                    if (op == 1 && lower != null) {
                        io.IoSkipCurrentIrpStackLocation(irp);
                        return io.IoCallDriver(lower, irp);
                    }
                    if (op == 2) {
                        break;
                    }
                    read(op, io, k, log, irp);
                }
                irp.IoStatus.Status = NtStatus.STATUS_SUCCESS;
                io.IoCompleteRequest(irp, 0);
                log.add("completed in " + describe(k.frame()));
                return NtStatus.STATUS_SUCCESS;
            };
        }
        return d;
    }

    /** A reader of the running routine, by {@code op}: 3 frame(), 4 IoAllocateIrp, 5 KeInitializeDpc, 6 a line. */
    private static void read(int op, IoManager io, Kernel k, List<String> log, Irp irp) {
        switch (op) {
            case 3 -> log.add("frame " + describe(k.frame()));
            case 4 -> {
                Irp a = io.IoAllocateIrp(1, false);
                log.add("allocated by " + (a.allocator == null ? null : a.allocator.DriverName) + " "
                        + a.driverAllocated);
                io.IoFreeIrp(a);
            }
            case 5 -> {
                Kdpc dpc = io.devices().KeInitializeDpc("d", (x, c, a1, a2) -> { }, null);
                log.add("dpc of " + (dpc.owner() instanceof DeviceObject o ? o.name() : null));
            }
            case 6 -> {
                k.frame().noteSource("Student.java:" + irp.CurrentLocation());
                log.add("noted " + describe(k.frame()));
            }
            default -> {
            }
        }
    }

    private static String describe(RoutineFrame f) {
        if (f == null) {
            return "none";
        }
        return f.kind() + " " + (f.driver() == null ? null : f.driver().DriverName) + " "
                + (f.device() == null ? null : f.device().name()) + " irp " + (f.irp() == null ? 0 : f.irp().address())
                + " " + f.routine().getClass().getName() + " " + f.source() + " depth " + f.depth();
    }
}
