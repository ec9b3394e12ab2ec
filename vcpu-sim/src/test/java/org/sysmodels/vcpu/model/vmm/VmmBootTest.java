package org.sysmodels.vcpu.model.vmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.vcpu.model.devices.virtio.MemoryDisk;
import org.sysmodels.vcpu.model.kvm.Timing;
import org.sysmodels.vcpu.model.platform.DeterministicPlatform;
import org.sysmodels.vcpu.model.vcpu.FcExitCode;
import org.sysmodels.vcpu.model.vcpu.VcpuObserver;

class VmmBootTest {

    static byte[] elf(String name) throws Exception {
        try (InputStream in = VmmBootTest.class.getResourceAsStream("/org/sysmodels/vcpu/guests/elf/" + name
                + ".elf")) {
            return in.readAllBytes();
        }
    }

    static Vmm boot(DeterministicPlatform p, VmConfig c) throws Exception {
        ConsoleLog log = new ConsoleLog(p.clock(), null);
        Vmm[] vmm = new Vmm[1];
        p.onVmmThread(() -> {
            try {
                vmm[0] = Vmm.boot(c, p, VmmParts.REFERENCE, log, Observers.NONE);
            } catch (VmmError e) {
                throw new AssertionError(e);
            }
        });
        return vmm[0];
    }

    @Test
    void helloBootsPrintsAndStops() throws Exception {
        DeterministicPlatform p = new DeterministicPlatform(new Scheduler(), Timing.DEFAULT);
        Vmm vmm = boot(p, VmConfig.of(elf("hello"), "console=ttyS0 reboot=k panic=1"));
        p.runUntil(() -> vmm.shutdownExitCode() != null, 10_000_000_000L);
        assertEquals(FcExitCode.OK, vmm.shutdownExitCode());
        assertEquals("Hello from a sysmodels microVM! hart 0, boot args: \"console=ttyS0 reboot=k panic=1\"\n",
                vmm.console().text());
        assertTrue(vmm.bootTimeNs() > 0);
        p.onVmmThread(() -> assertEquals(List.of(), vmm.shutdown()));
    }

    @Test
    void smpCountsWithTwoHarts() throws Exception {
        DeterministicPlatform p = new DeterministicPlatform(new Scheduler(), Timing.DEFAULT);
        Vmm vmm = boot(p, VmConfig.of(elf("smp"), "iters=2000").withVcpus(2));
        p.runUntil(() -> vmm.shutdownExitCode() != null, 10_000_000_000L);
        System.out.println(vmm.console().text());
        assertEquals(FcExitCode.OK, vmm.shutdownExitCode());
        assertTrue(vmm.console().text().contains("atomic: 4000\nlocked: 4000"), vmm.console().text());
    }

    @Test
    void blkReadsAndWrites() throws Exception {
        DeterministicPlatform p = new DeterministicPlatform(new Scheduler(), Timing.DEFAULT);
        byte[] disk = new byte[64 * 1024];
        byte[] text = "sector zero of the test disk\n".getBytes();
        System.arraycopy(text, 0, disk, 0, text.length);
        MemoryDisk d = new MemoryDisk(disk, false);
        Vmm vmm = boot(p, VmConfig.of(elf("blk"), "").withDrives(List.of(VmConfig.Drive.of("rootfs", d).asRoot())));
        p.runUntil(() -> vmm.shutdownExitCode() != null, 10_000_000_000L);
        System.out.println(vmm.console().text());
        assertTrue(vmm.console().text().contains("blk: ok"), vmm.console().text());
        assertTrue(vmm.console().text().contains("flush status 0, id \"\"\n"),
                "a disk in memory has no st_dev/st_ino: GET_ID answers zeros, not the drive id");
    }
}
