package org.sysmodels.bench.vcpu;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.vcpu.model.devices.MmioBus;
import org.sysmodels.vcpu.model.devices.Serial;
import org.sysmodels.vcpu.model.kvm.KvmVm;
import org.sysmodels.vcpu.model.kvm.Timing;
import org.sysmodels.vcpu.model.memory.GuestMemory;
import org.sysmodels.vcpu.model.platform.DeterministicPlatform;
import org.sysmodels.vcpu.model.vcpu.SbiConsole;
import org.sysmodels.vcpu.model.vcpu.Vcpu;
import org.sysmodels.vcpu.model.vcpu.VcpuEmulation;

/**
 * MMIO exits handled end to end on one thread (issue: ≥ 5 M/s): a guest that writes the UART's scratch register in a
 * loop; each operation is one {@code run_emulation()} of Firecracker's vCPU loop: KVM_RUN (complete the last exit,
 * check immediate_exit, run the guest to its next store), KVM_EXIT_MMIO, {@code handle_kvm_exit}, the MMIO bus, the
 * 16550A's register write under its lock, back.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class MmioExitBench {

    static final int EXITS = 10_000;

    Vcpu vcpu;

    @Setup(Level.Trial)
    public void setUp() {
        GuestMemory mem = new GuestMemory(1 << 20);
        long base = GuestMemory.DRAM_START;
        mem.write(base, 4, 0x40002 << 12 | 7 << 7 | 0x37);          // lui t2, 0x40002
        mem.write(base + 4, 4, 7 << 15 | 7 << 7 | 0x23);            // sb x0, 7(t2)
        mem.write(base + 8, 4, 0xFFDFF06F);                          // j -4
        KvmVm vm = new KvmVm(mem, 1, Timing.DEFAULT);
        vm.vcpu(0).hart().pc = base;
        MmioBus bus = new MmioBus();
        bus.insert(new Serial(b -> { }, () -> { }), Serial.BASE, Serial.SIZE);
        DeterministicPlatform p = new DeterministicPlatform(new Scheduler(), Timing.DEFAULT);
        vcpu = new Vcpu(vm.vcpu(0), p.channel("events"), p.channel("responses"), p.eventFd("exit"), bus,
                new SbiConsole() {
                    @Override
                    public void putchar(int c) {
                    }

                    @Override
                    public int getchar() {
                        return -1;
                    }
                });
        if (!(vcpu.runEmulation() instanceof VcpuEmulation.Handled)) {
            throw new IllegalStateException("the loop guest did not make an MMIO exit");
        }
    }

    @Benchmark
    @OperationsPerInvocation(EXITS)
    public Object mmioExits() {
        Object last = null;
        for (int i = 0; i < EXITS; i++) {
            last = vcpu.runEmulation();
        }
        return last;
    }
}
