package org.sysmodels.vcpu.model.vmm;

import java.util.ArrayList;
import java.util.List;
import org.sysmodels.vcpu.model.boot.BootLoader;
import org.sysmodels.vcpu.model.boot.ElfImage;
import org.sysmodels.vcpu.model.devices.BootTimer;
import org.sysmodels.vcpu.model.devices.MmioBus;
import org.sysmodels.vcpu.model.devices.Serial;
import org.sysmodels.vcpu.model.devices.ratelimit.RateLimiter;
import org.sysmodels.vcpu.model.devices.ratelimit.TokenBucket;
import org.sysmodels.vcpu.model.devices.virtio.Block;
import org.sysmodels.vcpu.model.devices.virtio.VirtioMmio;
import org.sysmodels.vcpu.model.isa.Hart;
import org.sysmodels.vcpu.model.kvm.KvmVm;
import org.sysmodels.vcpu.model.kvm.Timing;
import org.sysmodels.vcpu.model.memory.GuestMemory;
import org.sysmodels.vcpu.model.os.EventFd;
import org.sysmodels.vcpu.model.platform.Platform;

/**
 * Builds a microVM as Firecracker's {@code builder.rs} does ({@code build_and_boot_microvm}): guest memory, the VM
 * and its vCPUs, the devices on the MMIO bus with their event loop registrations (each drive's queue eventfd as an
 * ioeventfd, its rate limiter's and async engine's timers), the kernel loaded with its boot arguments, then the vCPU
 * threads started Paused and resumed. {@link SnapshotRestore} builds the same machine from a snapshot.
 */
final class MicrovmBuilder {

    private MicrovmBuilder() {
    }

    /**
     * Builds and boots a microVM (build_and_boot_microvm): everything set up, the kernel loaded, the vCPU threads
     * started and resumed.
     *
     * @throws VmmError with Firecracker's message if the kernel cannot be loaded or is missing
     */
    static Vmm boot(VmConfig config, Platform platform, VmmParts factory, ConsoleLog console,
                    Observers observers) throws VmmError {
        if (config.kernel() == null) {
            throw VmmError.missingKernel();
        }
        ElfImage image;
        try {
            image = ElfImage.parse(config.kernel());
        } catch (ElfImage.ElfException e) {
            throw VmmError.kernelLoader(e.getMessage());
        }
        Vmm.Parts parts = assemble(config, platform, factory, console, config.trackDirtyPages(), observers.block());
        BootLoader.Loaded loaded;
        try {
            loaded = BootLoader.load(image, config.bootArgs(), parts.memory());
        } catch (ElfImage.ElfException e) {
            throw VmmError.kernelLoader(e.getMessage());
        }
        Hart boot = parts.kvm().vcpu(0).hart();
        boot.pc = loaded.entry();
        boot.x[10] = 0;
        boot.x[11] = loaded.bootArgsAddress();
        Vmm vmm = factory.vmm(parts);
        vmm.watchedBy(observers);
        vmm.startVcpus();
        vmm.resumeVm();
        return vmm;
    }

    /** The machine without a kernel: memory, VM, vCPUs (not started), devices, event loop registrations. */
    static Vmm.Parts assemble(VmConfig config, Platform platform, VmmParts factory, ConsoleLog console,
                          boolean trackDirty, Block.Listener listener) {
        GuestMemory memory = new GuestMemory(config.memSizeMib() << 20);
        memory.trackDirtyPages(trackDirty);
        memory.concurrent(!platform.deterministic());
        Timing timing = config.timing();
        KvmVm kvm = new KvmVm(memory, config.vcpuCount(), timing);
        EventFd exitEvt = platform.eventFd("exit_evt");
        MmioBus bus = new MmioBus();
        BootTimer bootTimer = new BootTimer();
        bus.insert(bootTimer, BootTimer.BASE, BootTimer.SIZE);
        Serial serial = new Serial(console, () -> kvm.plic().raise(Vmm.SERIAL_IRQ));
        bus.insert(serial, Serial.BASE, Serial.SIZE);
        List<Vmm.BlockDevice> blocks = new ArrayList<>();
        List<VmConfig.Drive> drives = new ArrayList<>(config.drives());
        drives.sort((a, b) -> Boolean.compare(b.root(), a.root()));
        for (int n = 0; n < drives.size(); n++) {
            VmConfig.Drive d = drives.get(n);
            long base = Vmm.VIRTIO_BASE + n * VirtioMmio.SIZE;
            int irq = Vmm.FIRST_VIRTIO_IRQ + n;
            RateLimiter limiter = limiter(d.limiter(), platform, d.id());
            Block block = factory.block(d.id(), memory, d.disk(), limiter, d.engine(), d.asyncLatencyNs(),
                    platform.timerFd(d.id() + " completion"), platform.clock(), d.writebackCache());
            VirtioMmio transport = new VirtioMmio(block, memory, () -> kvm.plic().raise(irq));
            block.attach(transport);
            block.listener(listener);
            bus.insert(transport, base, VirtioMmio.SIZE);
            EventFd queueEvt = platform.eventFd(d.id() + " queue_evt");
            kvm.registerIoEvent(base + VirtioMmio.QUEUE_NOTIFY, 4, queueEvt);
            Vmm.BlockDevice bd = new Vmm.BlockDevice(block, transport, base, irq, queueEvt, d);
            platform.eventLoop().register(queueEvt, () -> {
                queueEvt.read();
                synchronized (transport) {
                    block.processQueueEvent();
                }
            });
            platform.eventLoop().register(limiter.timer(), () -> {
                synchronized (transport) {
                    block.processRateLimiterEvent();
                }
            });
            platform.eventLoop().register(block.completionTimer(), () -> {
                synchronized (transport) {
                    block.processAsyncCompletions();
                }
            });
            blocks.add(bd);
        }
        return new Vmm.Parts(config, platform, factory, memory, kvm, bus, bootTimer, serial, console, blocks, exitEvt);
    }

    static RateLimiter limiter(VmConfig.Limiter l, Platform platform, String id) {
        long now = platform.clock().nanoTime();
        TokenBucket bw = l.bandwidth() == null ? null : new TokenBucket(l.bandwidth().size(),
                l.bandwidth().oneTimeBurst(), l.bandwidth().refillTimeMs(), now);
        TokenBucket ops = l.ops() == null ? null : new TokenBucket(l.ops().size(), l.ops().oneTimeBurst(),
                l.ops().refillTimeMs(), now);
        return new RateLimiter(bw, ops, platform.timerFd(id + " rate limiter"), platform.clock());
    }
}
