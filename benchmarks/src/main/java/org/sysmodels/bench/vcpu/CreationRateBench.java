package org.sysmodels.bench.vcpu;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.sysmodels.vcpu.host.guest.Guests;
import org.sysmodels.vcpu.model.vmm.VmConfig;
import org.sysmodels.vcpu.model.vmm.VmmError;
import org.sysmodels.vcpu.run.CreationRate;

/**
 * MicroVMs created, booted to the guest's first serial byte and torn down, per second on 2 cores (issue: ≥ 1,000/s;
 * Firecracker states 5 real microVMs per host core per second). Each operation builds a whole microVM (128 MiB of
 * lazily backed memory, the VM, one vCPU thread on the deterministic host, serial, boot timer), loads the hello ELF,
 * runs it until its first byte, and tears it down in Firecracker's order. Two benchmark threads, one per core.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(2)
@State(Scope.Benchmark)
public class CreationRateBench {

    final VmConfig config = VmConfig.of(Guests.get("hello").elf(), "console=ttyS0 reboot=k panic=1");

    @Benchmark
    public long createBootTeardown() throws VmmError {
        return CreationRate.once(config, new int[1]);
    }
}
