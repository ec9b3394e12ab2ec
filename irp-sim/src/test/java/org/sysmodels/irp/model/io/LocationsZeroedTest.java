package org.sysmodels.irp.model.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.core.testing.Props;
import org.sysmodels.irp.model.NtStatus;
import org.sysmodels.irp.model.ke.Costs;
import org.sysmodels.irp.model.ke.KThread;

/**
 * IoInitializeIrp hands out a zeroed packet: every stack location of a packet from IoAllocateIrp or IoReuseIrp holds
 * nothing of the packet's earlier uses. The model zeroes only the locations a use handed out or wrote
 * ({@code Irp.lowestTouched}), so random uses (stack sizes 1 to 8; locations written through IoGetNext/
 * IoGetCurrentIrpStackLocation, IoSetCompletionRoutine, IoCopyCurrentIrpStackLocationToNext, Irp.location; moved by
 * IoSetNextIrpStackLocation, IoSkipCurrentIrpStackLocation and IoCallDriver; completed with an error status, which
 * marks the bottom location) must leave nothing behind for the next one, as zeroing every location would.
 */
class LocationsZeroedTest {

    /** An observer that watches nothing, so the machine takes the observed IoCallDriver. */
    private static final IoObserver WATCHING = new IoObserver() {
    };

    @Test
    void everyUseStartsFromZeroedLocations() {
        Props.property(400).forAll(lists().of(integers().between(0, 71)).ofSizeBetween(1, 60),
                integers().between(0, 1)).checkAssert((ops, watched) -> run(ops, watched == 1));
    }

    private static void run(List<Integer> ops, boolean watched) {
        Kernel k = new Kernel(new Scheduler(), 1, Costs.zero());
        if (watched) {
            k.setObserver(WATCHING);
        }
        IoManager io = k.io();
        DeviceObject lower = device(io);
        KThread t = k.createThread("test", 0);
        List<String> done = new ArrayList<>();
        k.runThread(t, () -> {
            Irp irp = allocate(io, 1, done);
            for (int v : ops) {
                int op = v % 9;
                int arg = v / 9;
                int cur = irp.CurrentLocation();
                int s = irp.StackCount();
                switch (op) {
                    case 0 -> {
                        io.IoFreeIrp(irp);
                        irp = allocate(io, arg + 1, done);
                    }
                    case 1 -> {
                        io.IoReuseIrp(irp, NtStatus.STATUS_SUCCESS);
                        assertZeroed(irp, done);
                        takeBackAtTheTop(io, irp);
                    }
                    case 2 -> {
                        if (cur > 1) {
                            io.IoSetNextIrpStackLocation(irp);
                        }
                    }
                    case 3 -> {
                        if (cur <= s) {
                            io.IoSkipCurrentIrpStackLocation(irp);
                        }
                    }
                    case 4 -> {
                        if (cur > 1 && cur <= s + 1) {
                            IoStackLocation next = io.IoGetNextIrpStackLocation(irp);
                            next.MajorFunction = IrpMajor.IRP_MJ_READ;
                            next.Parameters.Read.Length = arg + 1;
                            next.Parameters.Others.Argument4 = "next";
                        }
                    }
                    case 5 -> {
                        if (cur >= 1 && cur <= s) {
                            IoStackLocation sp = io.IoGetCurrentIrpStackLocation(irp);
                            sp.Flags = arg + 1;
                            sp.Parameters.DeviceIoControl.IoControlCode = 0x222000;
                        }
                    }
                    case 6 -> {
                        if (cur > 1 && cur <= s + 1) {
                            io.IoSetCompletionRoutine(irp, (d, i, c) -> NtStatus.STATUS_MORE_PROCESSING_REQUIRED,
                                    "context", true, true, true);
                        }
                    }
                    case 7 -> {
                        if (cur > 1 && cur <= s) {
                            io.IoCopyCurrentIrpStackLocationToNext(irp);
                        } else if (arg < s) {
                            irp.location(arg + 1).Parameters.ByteOffset = 4096;
                        }
                    }
                    default -> {
                        if (arg % 2 == 0 && cur > 1 && cur <= s + 1) {
                            io.IoCallDriver(lower, irp);
                        } else if (arg % 2 == 1 && cur >= 1 && cur <= s) {
                            irp.IoStatus.Status = NtStatus.STATUS_UNSUCCESSFUL;
                            io.IoCompleteRequest(irp, 0);
                            takeBackAtTheTop(io, irp);
                        }
                    }
                }
            }
        });
        assertEquals(List.of(), done.stream().filter(d -> !d.isEmpty()).toList(), "ops " + ops);
    }

    /**
     * A packet of {@code stackSize} whose top location has a completion routine that takes the packet back (so a
     * completion stops there, as a driver-allocated IRP's must), checked zeroed before that.
     */
    private static Irp allocate(IoManager io, int stackSize, List<String> done) {
        Irp irp = io.IoAllocateIrp(stackSize, false);
        assertZeroed(irp, done);
        takeBackAtTheTop(io, irp);
        return irp;
    }

    /** The top location's routine, set again after each completion (IopClearStackLocation clears its flags). */
    private static void takeBackAtTheTop(IoManager io, Irp irp) {
        io.IoSetCompletionRoutine(irp, (d, i, c) -> NtStatus.STATUS_MORE_PROCESSING_REQUIRED, null, true, true, true);
    }

    /** Records (rather than throws, inside the simulated thread) every location field that is not zero. */
    private static void assertZeroed(Irp irp, List<String> done) {
        for (int l = 1; l <= irp.StackCount(); l++) {
            IoStackLocation sp = irp.stack[l - 1];
            done.add(nonZero("location " + l, sp) + nonZero("location " + l + " Parameters", sp.Parameters));
        }
    }

    private static String nonZero(String where, Object o) {
        StringBuilder b = new StringBuilder();
        for (Field f : o.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || Modifier.isFinal(f.getModifiers())) {
                continue;
            }
            try {
                f.setAccessible(true);
                Object v = f.get(o);
                if (v != null && !(v instanceof Number n && n.longValue() == 0)) {
                    b.append(where).append('.').append(f.getName()).append(" = ").append(v).append("; ");
                }
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
        return b.toString();
    }

    /** A device whose every dispatch routine writes into its own location and returns. */
    private static DeviceObject device(IoManager io) {
        DriverObject drv = io.devices().createDriverObject("\\Driver\\Lower", null);
        for (int m = 0; m < drv.MajorFunction.length; m++) {
            drv.MajorFunction[m] = (dev, irp) -> {
                io.IoGetCurrentIrpStackLocation(irp).Parameters.Others.Argument2 = "lower";
                return NtStatus.STATUS_PENDING;
            };
        }
        DeviceObject d = io.devices().IoCreateDevice(drv, null, "\\Device\\Lower", 0);
        d.Flags &= ~DeviceObject.DO_DEVICE_INITIALIZING;
        return d;
    }
}
