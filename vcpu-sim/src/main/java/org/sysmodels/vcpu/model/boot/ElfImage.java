package org.sysmodels.vcpu.model.boot;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A guest kernel image: an ELF64 executable for RISC-V, read the way linux-loader's {@code Elf::load} (the crate
 * Firecracker loads {@code kernel_image_path} with) reads one: the header is checked, then every PT_LOAD segment is
 * copied to its physical address and the rest of its memory size zero-filled. Format: the System V ABI's ELF
 * chapter (generic, 2013) and the RISC-V ELF psABI (e_machine EM_RISCV = 243).
 *
 * @param entry    the entry point (e_entry)
 * @param segments the PT_LOAD segments, in file order
 */
public record ElfImage(long entry, List<Segment> segments) {

    public static final int EM_RISCV = 243;
    private static final int PT_LOAD = 1;

    /** One PT_LOAD segment: {@code fileSize} bytes of {@code data} at {@code address}, then zeros to {@code memSize}. */
    public record Segment(long address, byte[] data, long memSize) {
    }

    /** An image that cannot be loaded, with linux-loader's kind of reason. */
    public static final class ElfException extends Exception {
        public ElfException(String message) {
            super(message, null, false, false);
        }
    }

    /** Parses {@code bytes} as a RISC-V ELF64 executable. */
    public static ElfImage parse(byte[] bytes) throws ElfException {
        if (bytes.length < 64) {
            throw new ElfException("Invalid Elf magic number (the file has " + bytes.length + " bytes, an ELF64 "
                    + "header has 64)");
        }
        if (bytes[0] != 0x7F || bytes[1] != 'E' || bytes[2] != 'L' || bytes[3] != 'F') {
            throw new ElfException("Invalid Elf magic number (not an ELF file)");
        }
        if (bytes[4] != 2) {
            throw new ElfException("Invalid Elf class: " + bytes[4] + " (an ELF64 image is class 2)");
        }
        if (bytes[5] != 1) {
            throw new ElfException("Unable to load big endian Elf (RISC-V is little endian)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int type = b.getShort(16) & 0xFFFF;
        int machine = b.getShort(18) & 0xFFFF;
        if (machine != EM_RISCV) {
            throw new ElfException("Invalid Elf machine " + machine + " (" + machineName(machine)
                    + "); this VMM runs RISC-V guests (EM_RISCV = 243)");
        }
        if (type != 2) {
            throw new ElfException("Invalid Elf type " + type + " (an executable, ET_EXEC = 2, is needed)");
        }
        long entry = b.getLong(24);
        long phoff = b.getLong(32);
        int phentsize = b.getShort(54) & 0xFFFF;
        int phnum = b.getShort(56) & 0xFFFF;
        if (phentsize != 56) {
            throw new ElfException("Invalid program header size " + phentsize + " (ELF64 uses 56)");
        }
        if (phoff < 64 || phoff + (long) phnum * phentsize > bytes.length) {
            throw new ElfException("Invalid program header offset " + phoff + " (" + phnum + " headers do not fit "
                    + "in a " + bytes.length + "-byte file)");
        }
        List<Segment> segments = new ArrayList<>();
        for (int k = 0; k < phnum; k++) {
            int h = (int) phoff + k * phentsize;
            if (b.getInt(h) != PT_LOAD) {
                continue;
            }
            long offset = b.getLong(h + 8);
            long paddr = b.getLong(h + 24);
            long filesz = b.getLong(h + 32);
            long memsz = b.getLong(h + 40);
            if (filesz < 0 || memsz < filesz || offset < 0 || offset + filesz > bytes.length) {
                throw new ElfException("Invalid program header " + k + ": file bytes " + offset + "+" + filesz
                        + " and memory size " + memsz + " do not fit the " + bytes.length + "-byte file");
            }
            byte[] data = new byte[(int) filesz];
            System.arraycopy(bytes, (int) offset, data, 0, (int) filesz);
            segments.add(new Segment(paddr, data, memsz));
        }
        if (segments.isEmpty()) {
            throw new ElfException("No loadable segment (no PT_LOAD program header)");
        }
        return new ElfImage(entry, List.copyOf(segments));
    }

    private static String machineName(int machine) {
        return switch (machine) {
            case 62 -> "x86_64";
            case 183 -> "aarch64";
            case 3 -> "i386";
            case 40 -> "arm";
            default -> "unknown machine";
        };
    }
}
