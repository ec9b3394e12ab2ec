package org.sysmodels.bench.vcpu;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.sysmodels.vcpu.host.guest.Guests;
import org.sysmodels.vcpu.host.threads.ThreadPlatform;
import org.sysmodels.vcpu.model.vcpu.FcExitCode;
import org.sysmodels.vcpu.model.vmm.ConsoleLog;
import org.sysmodels.vcpu.model.vmm.Observers;
import org.sysmodels.vcpu.model.vmm.VmConfig;
import org.sysmodels.vcpu.model.vmm.Vmm;
import org.sysmodels.vcpu.model.vmm.VmmError;
import org.sysmodels.vcpu.model.vmm.VmmParts;

/**
 * Pause–resume round trip of a running vCPU thread (issue: median under 50 µs): the spin guest runs on its own real
 * thread with no exits; the benchmark thread, as the VMM thread, does pause_vm (Pause, immediate_exit, signal, wait for
 * Paused) then resume_vm (Resume, wait for Resumed). Sample mode: JMH reports the distribution; p0.50 is the median.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class PauseResumeBench {

    ThreadPlatform platform;
    Vmm vmm;

    @Setup(Level.Trial)
    public void setUp() throws VmmError {
        platform = new ThreadPlatform();
        vmm = Vmm.boot(VmConfig.of(Guests.get("spin").elf(), ""), platform, VmmParts.REFERENCE,
                new ConsoleLog(platform.clock(), null), Observers.NONE);
    }

    @Benchmark
    public Object pauseResume() throws VmmError {
        vmm.pauseVm();
        vmm.resumeVm();
        return vmm.state();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        vmm.stop(FcExitCode.OK);
        vmm.shutdown();
        platform.close();
    }
}
