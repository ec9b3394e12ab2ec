package org.sysmodels.nvme.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.nvme.host.driver.DriverState;
import org.sysmodels.nvme.host.driver.LinuxDriver;
import org.sysmodels.nvme.host.platform.DmaAllocator;
import org.sysmodels.nvme.host.platform.RawHost;
import org.sysmodels.nvme.host.workload.Rw;
import org.sysmodels.nvme.model.command.Opcodes;
import org.sysmodels.nvme.model.media.ServiceModel;
import org.sysmodels.nvme.model.memory.HostMemory;
import org.sysmodels.nvme.model.queue.Cqe;
import org.sysmodels.nvme.model.queue.Sqe;
import org.sysmodels.nvme.model.register.Cc;
import org.sysmodels.nvme.model.register.ControllerConfig;
import org.sysmodels.nvme.model.register.Registers;
import org.sysmodels.nvme.model.status.Status;
import org.sysmodels.nvme.model.status.StatusCode;
import org.sysmodels.nvme.run.Outcome;
import org.sysmodels.nvme.run.Simulation;
import org.sysmodels.nvme.scenario.NvmeScenario;
import org.sysmodels.nvme.scenario.WorkloadSpec;

/**
 * What a driver author meets, each friction point of issue 8 fixed: named configuration defaults, aligned DMA memory,
 * buffers that start inside a page, a raw host that sends exactly what it is given, and a documented status value.
 */
class DriverApiTest {

    @Test
    void controllerConfigHasNamedDefaultsAndABuilder() {
        ControllerConfig d = ControllerConfig.defaults();
        assertEquals(ControllerConfig.DEFAULT_MQES, d.mqes());
        assertEquals(d.maxIoQueuePairs() + 1, d.msixVectors(), "one vector per queue pair plus the admin queue's");
        ControllerConfig c = d.toBuilder().mqes(63).maxIoQueuePairs(4).build();
        assertEquals(63, c.mqes());
        assertEquals(5, c.msixVectors());
        assertEquals(d.mdts(), c.mdts(), "what was not set keeps its default");
        assertThrows(IllegalArgumentException.class, () -> ControllerConfig.builder().mqes(0).build());
    }

    @Test
    void theAllocatorAlignsContiguousMemory() {
        HostMemory m = new HostMemory(4L << 20);
        DmaAllocator a = new DmaAllocator(m, 64);
        long first = a.allocContiguous(4096);
        long aligned = a.allocContiguous(100, 16384);
        assertEquals(4096, first);
        assertEquals(0, aligned % 16384, "aligned to 16 KiB");
        assertTrue(aligned > first);
        assertThrows(IllegalArgumentException.class, () -> a.allocContiguous(4096, 3000));
    }

    @Test
    void buffersThatStartInsideAPageAreMovedIntactThroughPrp1Offsets() {
        for (int offset : new int[] {4, 512, 4092}) {
            NvmeScenario s = NvmeScenario.DEFAULT.withWorkload(WorkloadSpec.DEFAULT
                    .with(Rw.RANDRW, 12_288L, 8, 1, 1_500L, null, 50).withBufferOffset(offset));
            Outcome o = new Simulation(s, 4, Tracer.off()).run();
            assertTrue(o.passed(), offset + ": " + o.findings().list());
            assertEquals(1_500, o.sim().workload.completed());
            assertTrue(o.sim().readsVerified() > 100, "reads through offset buffers were checked: " + offset);
        }
    }

    @Test
    void theRawHostSendsCidZeroAnyCcAndUsesInterrupts() {
        RawHost h = new RawHost(ControllerConfig.defaults().withService(ServiceModel.instant(2)), 1);
        assertTrue(h.enable(16, new Cc(true, 0, 0, Cc.AMS_ROUND_ROBIN, Cc.SHN_NONE, 6, 4)));
        assertEquals(new Cc(true, 0, 0, 0, 0, 6, 4).encode(), h.read32(Registers.CC));
        Cqe c = h.admin(new Sqe().command(Opcodes.IDENTIFY, 0).prp1(h.page()).cdw(10, 1));
        assertEquals(0, c.cid(), "CID 0 is a CID like any other");
        assertTrue(c.success());
        assertTrue(h.createQueuePair(1, 8, 1));
        assertEquals(0, h.interrupts(1));
        h.io(1, s -> s.command(Opcodes.FLUSH, 0).nsid(1));
        assertEquals(1, h.interrupts(1), "the CQ was created with IEN = 1 on vector 1");
    }

    @Test
    void aRawHostCanWrapTheSimulationsPlatform() {
        Simulation sim = new Simulation(NvmeScenario.DEFAULT.withWorkload(WorkloadSpec.DEFAULT.withIos(200)), 1,
                Tracer.off());
        sim.run();
        RawHost h = new RawHost(sim.platform);
        assertEquals(sim.controller.read32(Registers.CSTS), h.csts(), "the same device, through the same BAR0");
        assertEquals(0, h.dstrd());
        assertInstanceOf(DriverState.Dead.class, ((LinuxDriver) sim.driver).state(), "shut down at the end");
    }

    @Test
    void theCompletionStatusIsTheCqeStatusField() {
        int dw3 = Cqe.dw3(7, 1, StatusCode.LBA_OUT_OF_RANGE.dnr());
        assertEquals(StatusCode.LBA_OUT_OF_RANGE.dnr(), Status.fromDw3(dw3));
        assertEquals(Status.fromDw3(dw3), Cqe.status(dw3));
        assertTrue(Status.dnr(Status.doNotRetry(StatusCode.WRITE_FAULT)));
        assertFalse(Status.dnr(Status.of(StatusCode.WRITE_FAULT)));
        assertEquals(0x4000, Status.DNR);
        assertEquals(List.of(2, 0x80), List.of(Status.sct(Status.of(StatusCode.WRITE_FAULT)),
                Status.sc(Status.of(StatusCode.WRITE_FAULT))));
    }
}
