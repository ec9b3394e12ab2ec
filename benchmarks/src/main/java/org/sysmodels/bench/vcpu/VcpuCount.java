package org.sysmodels.bench.vcpu;

import org.sysmodels.vcpu.host.guest.Guests;
import org.sysmodels.vcpu.model.vmm.VmConfig;
import org.sysmodels.vcpu.model.vmm.VmmError;
import org.sysmodels.vcpu.run.CreationRate;

/**
 * Runs one vcpu headline's work a number of times for warm-up, then a number of measured times, and exits: the
 * program {@code bench/instructions vcpu-cpu|vcpu-mmio|vcpu-create} runs twice under cachegrind to count machine
 * instructions per guest instruction, per MMIO exit, per microVM. The benchmarks' own set-up is used, so the count
 * is of the very code JMH times.
 *
 * <p>Arguments: {@code cpu|mmio|create}, warm-up units, measured units (crc runs, batches of 10,000 exits,
 * microVMs). Prints the number of what it counts (guest instructions, exits, microVMs) in the measured part.
 */
public final class VcpuCount {

    private VcpuCount() {
    }

    public static void main(String[] args) throws VmmError {
        String what = args[0];
        long warm = Long.parseLong(args[1]);
        long measured = Long.parseLong(args[2]);
        long units = switch (what) {
            case "cpu" -> {
                InterpreterBench b = new InterpreterBench();
                b.guest = new BareGuest(Guests.get("crc").elf(), "rounds=" + InterpreterBench.ROUNDS);
                repeat(warm, b::interpreter);
                yield repeat(measured, b::interpreter);
            }
            case "mmio" -> {
                MmioExitBench b = new MmioExitBench();
                b.setUp();
                repeat(warm, () -> {
                    b.mmioExits();
                    return MmioExitBench.EXITS;
                });
                yield repeat(measured, () -> {
                    b.mmioExits();
                    return MmioExitBench.EXITS;
                });
            }
            case "create" -> {
                VmConfig config = new CreationRateBench().config;
                int[] pages = new int[1];
                repeat(warm, () -> {
                    CreationRate.once(config, pages);
                    return 1;
                });
                yield repeat(measured, () -> {
                    CreationRate.once(config, pages);
                    return 1;
                });
            }
            default -> throw new IllegalArgumentException("cpu, mmio or create: " + what);
        };
        System.out.println(what + " units " + units);
    }

    interface Unit {
        long run() throws VmmError;
    }

    private static long repeat(long times, Unit u) throws VmmError {
        long n = 0;
        for (long i = 0; i < times; i++) {
            n += u.run();
        }
        return n;
    }
}
