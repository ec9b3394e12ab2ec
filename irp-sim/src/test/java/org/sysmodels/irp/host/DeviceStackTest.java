package org.sysmodels.irp.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.random.Distribution;
import org.sysmodels.core.random.RandomStream;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.irp.host.drivers.CountingFilter;
import org.sysmodels.irp.host.drivers.FilterDriver;
import org.sysmodels.irp.host.drivers.RamDisk;
import org.sysmodels.irp.host.drivers.ReadPostProcessFilter;
import org.sysmodels.irp.model.NtStatus;
import org.sysmodels.irp.model.hal.SimulatedDevice;
import org.sysmodels.irp.model.io.FileObject;
import org.sysmodels.irp.model.io.IoService;
import org.sysmodels.irp.model.io.IoStatusBlock;
import org.sysmodels.irp.model.io.IrpMajor;
import org.sysmodels.irp.model.io.Kernel;
import org.sysmodels.irp.model.ke.Costs;
import org.sysmodels.irp.model.ke.KThread;

class DeviceStackTest {

    @Test
    void pnpShapedStackServesReadsWrittenBefore() {
        Scheduler s = new Scheduler();
        Kernel k = new Kernel(s, 2, Costs.defaults());
        SimulatedDevice hw = new SimulatedDevice(k, "disk", new Distribution.Fixed(20_000), new RandomStream(1), 2);
        DeviceStack stack = DeviceStack.on(k).lower("Counting", new CountingFilter())
                .function("RamDisk", new RamDisk(1 << 16)).upper("ReadPost", new ReadPostProcessFilter())
                .hardware(hw).build();
        assertEquals(4, stack.top().StackSize());
        IoService service = new IoService(k);
        KThread t = k.createThread("user", 1);
        FileObject f = new FileObject("file", k.newFileAddress());
        List<Integer> finished = new ArrayList<>();
        k.io().completion().setFinishListener(irp -> finished.add(irp.IoStatus.Status));
        byte[] data = new byte[4096];
        java.util.Arrays.fill(data, (byte) 7);
        IoStatusBlock iosb = new IoStatusBlock();
        int[] st = new int[2];
        k.runThread(t, () -> {
            IoService.Request w = new IoService.Request().set(IrpMajor.IRP_MJ_WRITE, 4096, 8192);
            w.buffer = data;
            st[0] = service.issue(t, f, stack.top(), w, true, iosb, null);
        });
        s.run();
        assertEquals(NtStatus.STATUS_PENDING, st[0]);
        assertEquals(List.of(NtStatus.STATUS_SUCCESS), finished);
        byte[] back = new byte[4096];
        k.runThread(t, () -> {
            IoService.Request r = new IoService.Request().set(IrpMajor.IRP_MJ_READ, 4096, 8192);
            r.buffer = back;
            st[1] = service.issue(t, f, stack.top(), r, true, iosb, null);
        });
        s.run();
        assertEquals(NtStatus.STATUS_PENDING, st[1]);
        assertEquals(7, back[100]);
        assertEquals(4096, iosb.Information);
        ReadPostProcessFilter.Extension ext = (ReadPostProcessFilter.Extension) stack.top().DeviceExtension;
        assertEquals(1, ext.readsCompleted);
        FilterDriver.Extension lowerExt = (FilterDriver.Extension) stack.devices().get(1).DeviceExtension;
        assertTrue(lowerExt.seen[IrpMajor.IRP_MJ_PNP] >= 1);
        assertEquals(NtStatus.STATUS_SUCCESS, stack.remove());
        assertEquals(0, k.io().lookaside().outstanding().size());
    }
}
