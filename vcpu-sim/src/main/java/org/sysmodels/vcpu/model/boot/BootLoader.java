package org.sysmodels.vcpu.model.boot;

import java.nio.charset.StandardCharsets;
import org.sysmodels.vcpu.model.memory.GuestMemory;

/**
 * Puts a kernel image and its boot arguments into guest memory, as Firecracker's builder does before the vCPUs start
 * ({@code load_kernel}, then the command line): the ELF's segments at their physical addresses, which must lie in
 * RAM, and the boot argument string, NUL-terminated, where Firecracker's aarch64 layout puts the device tree
 * ({@code get_fdt_addr}: the last {@link #FDT_MAX_SIZE} bytes of DRAM, or DRAM's start if RAM is smaller). Hart 0
 * starts at the entry with a0 = 0 and a1 = that address, as a RISC-V Linux kernel gets its device tree in a1.
 */
public final class BootLoader {

    /** aarch64 FDT_MAX_SIZE (arch/aarch64/layout.rs): 2 MiB at the top of DRAM. */
    public static final long FDT_MAX_SIZE = 0x20_0000;
    /** aarch64 CMDLINE_MAX_SIZE (arch/aarch64/layout.rs), from the kernel's arm64 setup.h. */
    public static final int CMDLINE_MAX_SIZE = 2048;

    /** Where the kernel went: its entry and the address of the boot arguments. */
    public record Loaded(long entry, long bootArgsAddress) {
    }

    private BootLoader() {
    }

    /** Where the boot arguments go in a RAM of {@code size} bytes. */
    public static long bootArgsAddress(long size) {
        return size >= FDT_MAX_SIZE ? GuestMemory.DRAM_START + size - FDT_MAX_SIZE : GuestMemory.DRAM_START;
    }

    /**
     * Loads {@code image} and {@code bootArgs} into {@code mem}.
     *
     * @throws ElfImage.ElfException if a segment lies outside RAM or over the boot arguments, or the entry is not in
     *                               a loaded segment, or the arguments are too long
     */
    public static Loaded load(ElfImage image, String bootArgs, GuestMemory mem) throws ElfImage.ElfException {
        byte[] args = bootArgs.getBytes(StandardCharsets.US_ASCII);
        if (args.length + 1 > CMDLINE_MAX_SIZE) {
            throw new ElfImage.ElfException("the boot arguments are " + args.length + " bytes; at most "
                    + (CMDLINE_MAX_SIZE - 1) + " fit (CMDLINE_MAX_SIZE " + CMDLINE_MAX_SIZE + ")");
        }
        long argsAt = bootArgsAddress(mem.size());
        boolean entryLoaded = false;
        for (ElfImage.Segment s : image.segments()) {
            if (!mem.contains(s.address(), s.memSize())) {
                throw new ElfImage.ElfException(String.format("segment at 0x%x..0x%x lies outside guest memory "
                                + "0x%x..0x%x (mem_size_mib %d)", s.address(), s.address() + s.memSize(),
                        GuestMemory.DRAM_START, GuestMemory.DRAM_START + mem.size(), mem.size() >> 20));
            }
            if (s.address() < argsAt + args.length + 1 && argsAt < s.address() + s.memSize()) {
                throw new ElfImage.ElfException(String.format("segment at 0x%x..0x%x overlaps the boot arguments at "
                        + "0x%x; give the guest more memory", s.address(), s.address() + s.memSize(), argsAt));
            }
            entryLoaded |= image.entry() >= s.address() && image.entry() < s.address() + s.memSize();
        }
        if (!entryLoaded) {
            throw new ElfImage.ElfException(String.format("the entry point 0x%x is in no loaded segment",
                    image.entry()));
        }
        for (ElfImage.Segment s : image.segments()) {
            mem.writeBytes(s.address(), s.data(), 0, s.data().length);
            // The rest of the segment (.bss) is zero: fresh pages already are, so nothing is written.
        }
        mem.writeBytes(argsAt, args, 0, args.length);
        mem.write(argsAt + args.length, 1, 0);
        return new Loaded(image.entry(), argsAt);
    }
}
