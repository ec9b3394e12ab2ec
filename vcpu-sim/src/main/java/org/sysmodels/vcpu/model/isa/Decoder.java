package org.sysmodels.vcpu.model.isa;

import static org.sysmodels.vcpu.model.isa.Op.*;

/**
 * Decodes one 32-bit instruction into its {@link Decoded} form. Encodings from the RISC-V Unprivileged ISA 20191213:
 * chapter 2 (RV32I base: formats in §2.2-2.3, immediates in Figure 2.4), chapter 5 (RV64I's word instructions and
 * 6-bit shift amounts), chapter 7 (M), chapter 8 (A), chapter 9 (Zicsr), chapter 10 (Counters), chapter 3
 * (Zifencei); {@code wfi} from the Privileged ISA §3.3.3. Compressed (C) encodings are not implemented: the guests are
 * compiled with {@code -march=rv64ima_zicsr}, and a 16-bit encoding decodes as {@link Op#ILLEGAL}.
 */
public final class Decoder {

    private Decoder() {
    }

    /** The pre-decoded form of {@code insn}; {@link Op#ILLEGAL} for anything this machine does not implement. */
    public static long decode(int insn) {
        if ((insn & 3) != 3) {
            return illegal(insn);
        }
        int opcode = insn & 0x7F;
        int rd = (insn >>> 7) & 31;
        int funct3 = (insn >>> 12) & 7;
        int rs1 = (insn >>> 15) & 31;
        int rs2 = (insn >>> 20) & 31;
        int funct7 = insn >>> 25;
        return switch (opcode) {
            case 0x37 -> alu(LUI, rd, 0, 0, insn & 0xFFFFF000);
            case 0x17 -> alu(AUIPC, rd, 0, 0, insn & 0xFFFFF000);
            case 0x6F -> Decoded.pack(JAL, dest(rd), 0, 0, immJ(insn));
            case 0x67 -> funct3 == 0 ? Decoded.pack(JALR, dest(rd), rs1, 0, immI(insn)) : illegal(insn);
            case 0x63 -> branch(insn, funct3, rs1, rs2);
            case 0x03 -> load(insn, funct3, rd, rs1);
            case 0x23 -> store(insn, funct3, rs1, rs2);
            case 0x13 -> opImm(insn, funct3, rd, rs1);
            case 0x1B -> opImm32(insn, funct3, rd, rs1, funct7);
            case 0x33 -> op(insn, funct3, funct7, rd, rs1, rs2);
            case 0x3B -> op32(insn, funct3, funct7, rd, rs1, rs2);
            case 0x0F -> funct3 == 0 ? Decoded.pack(FENCE, 0, 0, 0, 0)
                    : funct3 == 1 ? Decoded.pack(FENCE_I, 0, 0, 0, 0) : illegal(insn);
            case 0x73 -> system(insn, funct3, rd, rs1);
            case 0x2F -> amo(insn, funct3, rd, rs1, rs2);
            default -> illegal(insn);
        };
    }

    /** I-type immediate: inst[31:20], sign-extended. */
    public static int immI(int insn) {
        return insn >> 20;
    }

    /** S-type immediate: inst[31:25] inst[11:7]. */
    public static int immS(int insn) {
        return (insn >> 25) << 5 | (insn >>> 7) & 0x1F;
    }

    /** B-type immediate: inst[31] inst[7] inst[30:25] inst[11:8], times two. */
    public static int immB(int insn) {
        return (insn >> 31) << 12 | ((insn >>> 7) & 1) << 11 | ((insn >>> 25) & 0x3F) << 5 | ((insn >>> 8) & 0xF) << 1;
    }

    /** J-type immediate: inst[31] inst[19:12] inst[20] inst[30:21], times two. */
    public static int immJ(int insn) {
        return (insn >> 31) << 20 | insn & 0xFF000 | ((insn >>> 20) & 1) << 11 | ((insn >>> 21) & 0x3FF) << 1;
    }

    private static long illegal(int insn) {
        return Decoded.pack(ILLEGAL, 0, 0, 0, insn);
    }

    private static int dest(int rd) {
        return rd == 0 ? Decoded.DISCARD : rd;
    }

    /** An instruction that only writes rd: a no-op when rd is x0. */
    private static long alu(int op, int rd, int rs1, int rs2, int imm) {
        return rd == 0 ? Decoded.pack(NOP, 0, 0, 0, 0) : Decoded.pack(op, rd, rs1, rs2, imm);
    }

    private static long branch(int insn, int funct3, int rs1, int rs2) {
        int op = switch (funct3) {
            case 0 -> BEQ;
            case 1 -> BNE;
            case 4 -> BLT;
            case 5 -> BGE;
            case 6 -> BLTU;
            case 7 -> BGEU;
            default -> 0;
        };
        if (op == 0) {
            return illegal(insn);
        }
        int imm = immB(insn);
        // Without the C extension every instruction is 4-aligned, so an offset with bit 1 set can only trap: keep the
        // condition (funct3, in the rd field) and decide when it is evaluated.
        return (imm & 3) != 0 ? Decoded.pack(BRANCH_MISALIGNED, funct3, rs1, rs2, imm)
                : Decoded.pack(op, 0, rs1, rs2, imm);
    }

    private static long load(int insn, int funct3, int rd, int rs1) {
        int op = switch (funct3) {
            case 0 -> LB;
            case 1 -> LH;
            case 2 -> LW;
            case 3 -> LD;
            case 4 -> LBU;
            case 5 -> LHU;
            case 6 -> LWU;
            default -> 0;
        };
        int aux = (funct3 & 3) == 3 ? 7 : (1 << (funct3 & 3)) - 1;
        if (funct3 < 4) {
            aux |= Decoded.SIGNED;
        }
        // Fields as Decoded says for loads: the base in rs2.
        return op == 0 ? illegal(insn) : Decoded.pack(op, dest(rd), 0, rs1, aux, immI(insn));
    }

    private static long store(int insn, int funct3, int rs1, int rs2) {
        int op = switch (funct3) {
            case 0 -> SB;
            case 1 -> SH;
            case 2 -> SW;
            case 3 -> SD;
            default -> 0;
        };
        // Fields as Decoded says for stores: size - 1 in rd.
        return op == 0 ? illegal(insn) : Decoded.pack(op, (1 << funct3) - 1, rs1, rs2, immS(insn));
    }

    private static long opImm(int insn, int funct3, int rd, int rs1) {
        int imm = immI(insn);
        int funct6 = insn >>> 26;
        int shamt = (insn >>> 20) & 0x3F;
        return switch (funct3) {
            case 0 -> alu(ADDI, rd, rs1, 0, imm);
            case 2 -> alu(SLTI, rd, rs1, 0, imm);
            case 3 -> alu(SLTIU, rd, rs1, 0, imm);
            case 4 -> alu(XORI, rd, rs1, 0, imm);
            case 6 -> alu(ORI, rd, rs1, 0, imm);
            case 7 -> alu(ANDI, rd, rs1, 0, imm);
            case 1 -> funct6 == 0 ? alu(SLLI, rd, rs1, 0, shamt) : illegal(insn);
            case 5 -> funct6 == 0 ? alu(SRLI, rd, rs1, 0, shamt)
                    : funct6 == 0x10 ? alu(SRAI, rd, rs1, 0, shamt) : illegal(insn);
            default -> illegal(insn);
        };
    }

    private static long opImm32(int insn, int funct3, int rd, int rs1, int funct7) {
        int shamt = (insn >>> 20) & 0x1F;
        return switch (funct3) {
            case 0 -> alu(ADDIW, rd, rs1, 0, immI(insn));
            case 1 -> funct7 == 0 ? alu(SLLIW, rd, rs1, 0, shamt) : illegal(insn);
            case 5 -> funct7 == 0 ? alu(SRLIW, rd, rs1, 0, shamt)
                    : funct7 == 0x20 ? alu(SRAIW, rd, rs1, 0, shamt) : illegal(insn);
            default -> illegal(insn);
        };
    }

    private static long op(int insn, int funct3, int funct7, int rd, int rs1, int rs2) {
        int op = switch (funct7) {
            case 0 -> switch (funct3) {
                case 0 -> ADD;
                case 1 -> SLL;
                case 2 -> SLT;
                case 3 -> SLTU;
                case 4 -> XOR;
                case 5 -> SRL;
                case 6 -> OR;
                default -> AND;
            };
            case 0x20 -> funct3 == 0 ? SUB : funct3 == 5 ? SRA : 0;
            case 1 -> switch (funct3) {
                case 0 -> MUL;
                case 1 -> MULH;
                case 2 -> MULHSU;
                case 3 -> MULHU;
                case 4 -> DIV;
                case 5 -> DIVU;
                case 6 -> REM;
                default -> REMU;
            };
            default -> 0;
        };
        return op == 0 ? illegal(insn) : alu(op, rd, rs1, rs2, 0);
    }

    private static long op32(int insn, int funct3, int funct7, int rd, int rs1, int rs2) {
        int op = switch (funct7) {
            case 0 -> funct3 == 0 ? ADDW : funct3 == 1 ? SLLW : funct3 == 5 ? SRLW : 0;
            case 0x20 -> funct3 == 0 ? SUBW : funct3 == 5 ? SRAW : 0;
            case 1 -> switch (funct3) {
                case 0 -> MULW;
                case 4 -> DIVW;
                case 5 -> DIVUW;
                case 6 -> REMW;
                case 7 -> REMUW;
                default -> 0;
            };
            default -> 0;
        };
        return op == 0 ? illegal(insn) : alu(op, rd, rs1, rs2, 0);
    }

    private static long system(int insn, int funct3, int rd, int rs1) {
        int csr = insn >>> 20;
        return switch (funct3) {
            case 0 -> insn == 0x00000073 ? Decoded.pack(ECALL, 0, 0, 0, 0)
                    : insn == 0x00100073 ? Decoded.pack(EBREAK, 0, 0, 0, 0)
                    : insn == 0x10500073 ? Decoded.pack(WFI, 0, 0, 0, 0) : illegal(insn);
            case 1 -> Decoded.pack(CSRRW, dest(rd), rs1, 0, csr);
            case 2 -> Decoded.pack(CSRRS, dest(rd), rs1, 0, csr);
            case 3 -> Decoded.pack(CSRRC, dest(rd), rs1, 0, csr);
            case 5 -> Decoded.pack(CSRRWI, dest(rd), rs1, 0, csr);
            case 6 -> Decoded.pack(CSRRSI, dest(rd), rs1, 0, csr);
            case 7 -> Decoded.pack(CSRRCI, dest(rd), rs1, 0, csr);
            default -> illegal(insn);
        };
    }

    private static long amo(int insn, int funct3, int rd, int rs1, int rs2) {
        if (funct3 != 2 && funct3 != 3) {
            return illegal(insn);
        }
        boolean word = funct3 == 2;
        int funct5 = insn >>> 27;
        int op = switch (funct5) {
            case 0x02 -> rs2 == 0 ? (word ? LR_W : LR_D) : 0;
            case 0x03 -> word ? SC_W : SC_D;
            case 0x01 -> word ? AMOSWAP_W : AMOSWAP_D;
            case 0x00 -> word ? AMOADD_W : AMOADD_D;
            case 0x04 -> word ? AMOXOR_W : AMOXOR_D;
            case 0x0C -> word ? AMOAND_W : AMOAND_D;
            case 0x08 -> word ? AMOOR_W : AMOOR_D;
            case 0x10 -> word ? AMOMIN_W : AMOMIN_D;
            case 0x14 -> word ? AMOMAX_W : AMOMAX_D;
            case 0x18 -> word ? AMOMINU_W : AMOMINU_D;
            case 0x1C -> word ? AMOMAXU_W : AMOMAXU_D;
            default -> 0;
        };
        return op == 0 ? illegal(insn) : Decoded.pack(op, dest(rd), rs1, rs2, 0);
    }
}
