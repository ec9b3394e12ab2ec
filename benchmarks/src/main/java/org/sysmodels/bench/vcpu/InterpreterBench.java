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
import org.sysmodels.vcpu.host.guest.Guests;

/**
 * The guest CPU on one core (issue: ≥ 300 M guest instructions/s, 0 B per instruction): the crc guest, a C program
 * compiled for RV64IMA, run to completion on the interpreter, whose hot blocks are translated to JVM methods as the
 * model does in every run ({@code BlockTranslator}; {@link #interpreterAlone} is the same with translation off).
 * One operation is one guest instruction retired. The peer
 * runs the same C code (guests/crc32.h) compiled natively for the host, counted in the same unit (the RISC-V
 * instructions the same work takes), so the ratio is how many times slower than native the interpreter is.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class InterpreterBench {

    /** rounds=20 of CRC-32 over 16 KiB: what the guest retires from entry to shutdown (checked in setup). */
    static final int ROUNDS = 20;
    static final int INSTRUCTIONS = 3_720_355;

    BareGuest guest;

    @Setup(Level.Trial)
    public void setUp() {
        guest = new BareGuest(Guests.get("crc").elf(), "rounds=" + ROUNDS);
        long n = guest.run();
        if (n != INSTRUCTIONS) {
            throw new IllegalStateException("the crc guest retired " + n + " instructions, the benchmark counts "
                    + INSTRUCTIONS + ": update InterpreterBench.INSTRUCTIONS");
        }
        NativeCrc.load();
    }

    @Benchmark
    @OperationsPerInvocation(INSTRUCTIONS)
    public long interpreter() {
        return guest.run();
    }

    /**
     * The same work with block translation off ({@code -Dsysmodels.vcpu.translate=false}): the pre-decoded
     * interpreter alone, for comparison with {@link #interpreter} (which translates hot blocks to JVM methods).
     */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-Dsysmodels.vcpu.translate=false"})
    @OperationsPerInvocation(INSTRUCTIONS)
    public long interpreterAlone() {
        return guest.run();
    }

    @Benchmark
    @OperationsPerInvocation(INSTRUCTIONS)
    public int nativePeer() {
        return NativeCrc.workload(ROUNDS);
    }
}
