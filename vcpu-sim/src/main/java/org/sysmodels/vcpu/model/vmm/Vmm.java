package org.sysmodels.vcpu.model.vmm;

import java.util.List;
import java.util.function.Function;
import org.sysmodels.vcpu.model.devices.BootTimer;
import org.sysmodels.vcpu.model.devices.MmioBus;
import org.sysmodels.vcpu.model.devices.Serial;
import org.sysmodels.vcpu.model.devices.virtio.Block;
import org.sysmodels.vcpu.model.devices.virtio.DiskImage;
import org.sysmodels.vcpu.model.devices.virtio.VirtioMmio;
import org.sysmodels.vcpu.model.kvm.KvmVm;
import org.sysmodels.vcpu.model.kvm.Timing;
import org.sysmodels.vcpu.model.memory.GuestMemory;
import org.sysmodels.vcpu.model.os.EventFd;
import org.sysmodels.vcpu.model.platform.Platform;
import org.sysmodels.vcpu.model.vcpu.FcExitCode;
import org.sysmodels.vcpu.model.vcpu.SbiConsole;
import org.sysmodels.vcpu.model.vcpu.Vcpu;
import org.sysmodels.vcpu.model.vcpu.VcpuEvent;
import org.sysmodels.vcpu.model.vcpu.VcpuObserver;
import org.sysmodels.vcpu.model.vcpu.VcpuResponse;
import org.sysmodels.vcpu.model.vcpu.VcpuSavedState;
import org.sysmodels.vcpu.model.vcpu.VcpuState;

/**
 * The VMM of one microVM (Firecracker's {@code Vmm}, {@code vstate/vm.rs}, {@code persist.rs}): built from a
 * {@link VmConfig} by {@link MicrovmBuilder} ({@code builder.rs}) or from a snapshot by {@link SnapshotRestore}, it
 * starts one thread per vCPU (Paused), pauses and resumes every vCPU and waits for each answer up to RECV_TIMEOUT_SEC
 * (30 s) ({@link VcpuFleet}), captures full and diff snapshots ({@link SnapshotCapture}), handles the vCPUs' exit
 * event, and tears down in Firecracker's order ({@link Teardown}): an exit code recorded by {@link #stop}, then
 * {@code Finish} to every vCPU, then each thread joined within VCPU_JOIN_TIMEOUT (1 s).
 *
 * <p>Memory map (aarch64 layout for devices; RAM at DRAM_MEM_START): boot timer 0x4000_0000, serial 0x4000_2000 (IRQ
 * 1), virtio-mmio devices from 0x4000_3000 every 0x1000 (IRQ 2, 3, ...), interrupt controller 0x0c00_0000, RAM
 * 0x8000_0000.
 */
public class Vmm {

    /** RECV_TIMEOUT_SEC: how long the VMM waits for each vCPU's answer. */
    public static final long RECV_TIMEOUT_NS = 30_000_000_000L;
    /** VCPU_JOIN_TIMEOUT: how long teardown waits for each vCPU thread to end. */
    public static final long VCPU_JOIN_TIMEOUT_NS = 1_000_000_000L;
    public static final long VIRTIO_BASE = 0x4000_3000L;
    public static final int SERIAL_IRQ = 1;
    public static final int FIRST_VIRTIO_IRQ = 2;

    /** A block device as the VMM keeps it: the device, its transport, where it sits, its queue eventfd. */
    public record BlockDevice(Block block, VirtioMmio transport, long base, int irq, EventFd queueEvt,
                              VmConfig.Drive drive) {
    }

    /** What {@link MicrovmBuilder} put together; a {@link VmmParts} makes the Vmm from it. */
    public record Parts(VmConfig config, Platform platform, VmmParts factory, GuestMemory memory, KvmVm kvm,
                        MmioBus bus, BootTimer bootTimer, Serial serial, ConsoleLog console, List<BlockDevice> blocks,
                        EventFd exitEvt) {
    }

    protected final VmConfig config;
    protected final Platform platform;
    protected final VmmParts factory;
    protected final GuestMemory memory;
    protected final KvmVm kvm;
    protected final MmioBus bus;
    protected final BootTimer bootTimer;
    protected final Serial serial;
    protected final ConsoleLog console;
    protected final List<BlockDevice> blocks;
    protected final EventFd exitEvt;
    protected VmmObserver observer = VmmObserver.NONE;
    private VcpuObserver vcpuObserver = VcpuObserver.NONE;
    private final VcpuFleet fleet;
    private final SnapshotCapture capture;
    private final Teardown teardown;
    private volatile VmState state = VmState.NOT_STARTED;
    private final long startedAt;
    private volatile long bootTimeNs = -1;

    protected Vmm(Parts p) {
        this.config = p.config();
        this.platform = p.platform();
        this.factory = p.factory();
        this.memory = p.memory();
        this.kvm = p.kvm();
        this.bus = p.bus();
        this.bootTimer = p.bootTimer();
        this.serial = p.serial();
        this.console = p.console();
        this.blocks = p.blocks();
        this.exitEvt = p.exitEvt();
        this.fleet = new VcpuFleet(platform.clock());
        this.capture = new SnapshotCapture(config, memory, kvm, serial, blocks);
        this.teardown = new Teardown(platform.clock());
        this.startedAt = platform.clock().nanoTime();
    }

    // ------------------------------------------------------------------ building

    /**
     * Builds and boots a microVM (build_and_boot_microvm, {@link MicrovmBuilder}): everything set up, the kernel
     * loaded, the vCPU threads started and resumed.
     *
     * @throws VmmError with Firecracker's message if the kernel cannot be loaded or is missing
     */
    public static Vmm boot(VmConfig config, Platform platform, VmmParts factory, ConsoleLog console,
                           Observers observers) throws VmmError {
        return MicrovmBuilder.boot(config, platform, factory, console, observers);
    }

    /** Who watches this microVM; set before its vCPUs start. */
    void watchedBy(Observers observers) {
        observer = observers.vmm();
        vcpuObserver = observers.vcpu();
    }

    /** Creates the vCPUs and their threads; they start Paused (start_vcpus). */
    protected void startVcpus() {
        bootTimer.onBoot(this::guestBooted);
        platform.eventLoop().register(exitEvt, this::processExitEvent);
        SbiConsole sbi = new SbiConsole() {
            @Override
            public void putchar(int c) {
                console.byteOut(c);
            }

            @Override
            public int getchar() {
                return -1;
            }
        };
        fleet.start(kvm, platform, factory, exitEvt, bus, sbi, vcpuObserver);
    }

    // ------------------------------------------------------------------ pause, resume

    /** Pauses every vCPU (pause_vcpus): Pause to all, then each must answer Paused within RECV_TIMEOUT_SEC. */
    public void pauseVm() throws VmmError {
        observer.vcpusRequest("pause", now());
        fleet.broadcast(VcpuEvent.PAUSE, VcpuResponse.Paused.class, "pause", observer);
        state = VmState.PAUSED;
        observer.vcpusAnswered("pause", true, "", now());
    }

    /** Resumes every vCPU (resume_vm): the virtio devices are kicked first, then Resume to all. */
    public void resumeVm() throws VmmError {
        observer.vcpusRequest("resume", now());
        for (BlockDevice b : blocks) {
            if (b.block().isActivated()) {
                b.queueEvt().write(1);
            }
        }
        fleet.broadcast(VcpuEvent.RESUME, VcpuResponse.Resumed.class, "resume", observer);
        state = VmState.RUNNING;
        observer.vcpusAnswered("resume", true, "", now());
    }

    // ------------------------------------------------------------------ snapshots

    /** A snapshot: the state and the memory pages of its type. */
    public record Snapshot(MicrovmState state, MemoryImage memory) {
    }

    /**
     * create_snapshot: the devices' state (after draining them), then each vCPU's (they refuse while running), then
     * memory: every page (Full) or the pages dirtied since the last snapshot (Diff; with dirty tracking off, the
     * resident pages, as Firecracker falls back to mincore).
     */
    public Snapshot createSnapshot(boolean full) throws VmmError {
        MicrovmState.DeviceStates devices = saveDevices();
        List<VcpuSavedState> saved = captureVcpuStates();
        observer.snapshotCaptured(full, runLoopStates(), inFlight(), now());
        MicrovmState ms = new MicrovmState(capture.vmInfo(), saved, devices);
        return new Snapshot(ms, captureMemory(full));
    }

    /** The devices' states, each drained first (prepare_save). */
    protected MicrovmState.DeviceStates saveDevices() {
        return capture.devices();
    }

    /**
     * save_vcpu_states: SaveState to every vCPU, then every answer (each within RECV_TIMEOUT_SEC) is collected before
     * any is judged, so no stale answer stays behind in a channel.
     */
    protected List<VcpuSavedState> captureVcpuStates() throws VmmError {
        return fleet.saveStates();
    }

    /** The memory part of a snapshot. */
    protected MemoryImage captureMemory(boolean full) {
        return capture.memory(full);
    }

    /**
     * Builds a microVM from a snapshot (build_microvm_from_snapshot, {@link SnapshotRestore}): memory from the image,
     * the vCPUs and devices restored, the vCPU threads started Paused; the VM is Paused until resumed.
     *
     * @param disks what backs each drive (the file its path_on_host names, or a disk kept by a test)
     */
    public static Vmm restore(Snapshot snapshot, Platform platform, VmmParts factory, ConsoleLog console,
                              Function<MicrovmState.BlockState, DiskImage> disks, Timing timing,
                              boolean trackDirtyPages,
                              Observers observers) throws VmmError {
        return SnapshotRestore.restore(snapshot, platform, factory, console, disks, timing, trackDirtyPages,
                observers);
    }

    /** A restored microVM is Paused until resumed. */
    void restoredPaused() {
        state = VmState.PAUSED;
    }

    // ------------------------------------------------------------------ exit and teardown

    /** The vCPUs' exit event fired (Vmm::process): the first non-Ok Exited status wins, else Ok. */
    protected void processExitEvent() {
        exitEvt.read();
        stop(Teardown.exitCodeOf(fleet.handles()));
    }

    /** Records the exit code; the event loop sees it and leaves (Vmm::stop). */
    public void stop(FcExitCode code) {
        if (teardown.stop(code)) {
            observer.stopped(code, now());
        }
    }

    /**
     * Drop for Vmm: Finish to every vCPU, then wait for each thread's response channel to close (discarding stale
     * answers) within VCPU_JOIN_TIMEOUT, then join. @return the threads that did not end in time (Firecracker panics)
     */
    public List<Integer> shutdown() {
        return teardown.shutdown(fleet.handles(), observer);
    }

    // ------------------------------------------------------------------ accessors

    public long now() {
        return platform.clock().nanoTime();
    }

    public VmState state() {
        return state;
    }

    /** The exit code once the VMM stopped, or null while it runs. */
    public FcExitCode shutdownExitCode() {
        return teardown.exitCode();
    }

    public ConsoleLog console() {
        return console;
    }

    public Serial serial() {
        return serial;
    }

    public GuestMemory memory() {
        return memory;
    }

    public KvmVm kvm() {
        return kvm;
    }

    public MmioBus bus() {
        return bus;
    }

    public VmConfig config() {
        return config;
    }

    public List<BlockDevice> blocks() {
        return List.copyOf(blocks);
    }

    public List<VcpuHandle> handles() {
        return List.copyOf(fleet.handles());
    }

    public List<Vcpu> vcpus() {
        return List.copyOf(fleet.vcpus());
    }

    /** Each vCPU thread's run-loop state now (as its last turn left it). */
    public List<VcpuState> runLoopStates() {
        return fleet.runLoopStates();
    }

    /** Block requests in flight in an async engine. */
    public int inFlight() {
        int n = 0;
        for (BlockDevice b : blocks) {
            n += b.block().inFlightCount();
        }
        return n;
    }

    /** The guest's boot-timer time: ns from VMM start to the magic write, or -1. */
    public long bootTimeNs() {
        return bootTimeNs;
    }

    public long startedAt() {
        return startedAt;
    }

    /** Called by the boot timer device. */
    void guestBooted() {
        if (bootTimeNs < 0) {
            bootTimeNs = now() - startedAt;
            observer.guestBooted(bootTimeNs, now());
        }
    }

    public Platform platform() {
        return platform;
    }

    public String partsName() {
        return factory.name();
    }
}
