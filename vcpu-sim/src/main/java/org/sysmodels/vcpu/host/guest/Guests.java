package org.sysmodels.vcpu.host.guest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The packaged guests: real C programs (in {@code vcpu-sim/guests/}, built with {@code guests/build.sh} and
 * riscv64-unknown-elf-gcc) whose ELF files ship inside the jar, so nothing here needs a cross compiler.
 */
public final class Guests {

    /** A packaged guest: its name, what it shows, boot arguments that suit it, and whether it needs a drive. */
    public record Guest(String name, String description, String bootArgs, int vcpus, boolean needsDrive) {

        /** The ELF file's bytes. */
        public byte[] elf() {
            return resource("elf/" + name + ".elf");
        }

        /** The C source. */
        public String source() {
            return new String(resource(name + ".c"), StandardCharsets.UTF_8);
        }
    }

    public static final List<Guest> ALL = List.of(
            new Guest("hello", "prints a greeting and its boot arguments on the serial port, then shuts down",
                    "console=ttyS0 reboot=k panic=1", 1, false),
            new Guest("count", "a counting loop that prints progress: the snapshot/restore workload",
                    "count=200000 step=20000", 1, false),
            new Guest("spin", "prints one line, then spins for ever with no exits: only a kick stops it", "", 1,
                    false),
            new Guest("idle", "prints one line, then sleeps in wfi for ever: its vCPU sleeps inside KVM_RUN", "", 1,
                    false),
            new Guest("reset", "asks for a cold reboot (SBI system reset): Firecracker stops the microVM", "", 1,
                    false),
            new Guest("mmio", "n=N writes to a UART register, each one a KVM_EXIT_MMIO", "n=1000", 1, false),
            new Guest("smp", "harts share counters: atomic, locked, and racy", "iters=20000", 2, false),
            new Guest("blk", "a virtio-blk driver: reads sector 0, writes and reads back sector 2, flushes", "", 1,
                    true),
            new Guest("crc", "CRC-32 over 16 KiB, rounds=R times: the interpreter benchmark", "rounds=8", 1,
                    false));

    private Guests() {
    }

    public static Optional<Guest> byName(String name) {
        return ALL.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    public static Guest get(String name) {
        return byName(name).orElseThrow(() -> new IllegalArgumentException("no packaged guest " + name));
    }

    public static List<String> names() {
        return ALL.stream().map(Guest::name).toList();
    }

    /** A file of the guests' directory inside the jar ("elf/hello.elf", "runtime/sysmodels.h", "crc32.h"). */
    public static byte[] resource(String path) {
        try (InputStream in = Guests.class.getResourceAsStream("/org/sysmodels/vcpu/guests/" + path)) {
            if (in == null) {
                throw new IllegalStateException("guest resource missing: " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
