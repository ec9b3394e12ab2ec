package org.sysmodels.vcpu.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** A tiny RISC-V assembler for tests: instruction encoders (Unprivileged ISA, chapter 24) and an ELF writer. */
public final class Asm {

    private Asm() {
    }

    public static int r(int funct7, int rs2, int rs1, int funct3, int rd, int opcode) {
        return funct7 << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
    }

    public static int i(int imm, int rs1, int funct3, int rd, int opcode) {
        return (imm & 0xFFF) << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
    }

    public static int s(int imm, int rs2, int rs1, int funct3, int opcode) {
        return ((imm >> 5) & 0x7F) << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 | (imm & 0x1F) << 7 | opcode;
    }

    public static int b(int imm, int rs2, int rs1, int funct3) {
        return ((imm >> 12) & 1) << 31 | ((imm >> 5) & 0x3F) << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12
                | ((imm >> 1) & 0xF) << 8 | ((imm >> 11) & 1) << 7 | 0x63;
    }

    public static int u(int imm20, int rd, int opcode) {
        return imm20 << 12 | rd << 7 | opcode;
    }

    public static int j(int imm, int rd) {
        return ((imm >> 20) & 1) << 31 | ((imm >> 1) & 0x3FF) << 21 | ((imm >> 11) & 1) << 20
                | ((imm >> 12) & 0xFF) << 12 | rd << 7 | 0x6F;
    }

    public static int addi(int rd, int rs1, int imm) {
        return i(imm, rs1, 0, rd, 0x13);
    }

    public static int lui(int rd, int imm20) {
        return u(imm20 & 0xFFFFF, rd, 0x37);
    }

    public static int sb(int rs2, int rs1, int imm) {
        return s(imm, rs2, rs1, 0, 0x23);
    }

    public static int sd(int rs2, int rs1, int imm) {
        return s(imm, rs2, rs1, 3, 0x23);
    }

    public static int ld(int rd, int rs1, int imm) {
        return i(imm, rs1, 3, rd, 0x03);
    }

    public static final int ECALL = 0x00000073;
    public static final int EBREAK = 0x00100073;
    public static final int WFI = 0x10500073;

    /** li rd, value for a 32-bit signed value (lui + addi). */
    public static List<Integer> li(int rd, int value) {
        int lo = (value << 20) >> 20;
        int hi = (value - lo) >>> 12;
        List<Integer> out = new ArrayList<>();
        out.add(lui(rd, hi));
        out.add(addi(rd, rd, lo));
        return out;
    }

    /** An ELF64 RISC-V executable with one RWX segment holding {@code code} at {@code base}, entry at base. */
    public static byte[] elf(long base, int[] code, int extraBss) {
        ByteBuffer text = ByteBuffer.allocate(code.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int c : code) {
            text.putInt(c);
        }
        return elf(base, text.array(), extraBss, 243);
    }

    public static byte[] elf(long base, byte[] segment, int extraBss, int machine) {
        ByteBuffer h = ByteBuffer.allocate(64 + 56).order(ByteOrder.LITTLE_ENDIAN);
        h.put(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0});
        h.put(new byte[8]);
        h.putShort((short) 2).putShort((short) machine).putInt(1).putLong(base).putLong(64).putLong(0).putInt(0)
                .putShort((short) 64).putShort((short) 56).putShort((short) 1).putShort((short) 64)
                .putShort((short) 0).putShort((short) 0);
        int offset = 0x1000;
        h.putInt(1).putInt(7).putLong(offset).putLong(base).putLong(base).putLong(segment.length)
                .putLong(segment.length + extraBss).putLong(0x1000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h.array());
        out.writeBytes(new byte[offset - h.capacity()]);
        out.writeBytes(segment);
        return out.toByteArray();
    }

    public static int[] toArray(List<Integer> l) {
        return l.stream().mapToInt(Integer::intValue).toArray();
    }
}
