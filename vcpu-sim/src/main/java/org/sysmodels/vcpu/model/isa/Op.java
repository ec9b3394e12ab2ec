package org.sysmodels.vcpu.model.isa;

/**
 * The operations of the pre-decoded form, one per instruction of RV64I, the M extension (multiply/divide), the A
 * extension (atomics, for the SMP guest), Zicsr (the counter CSRs), Zifencei, and the privileged {@code wfi}.
 * Numbers start at 1 so that a decoded word of 0 means "not decoded yet". Mnemonics are the spec's (RISC-V
 * Unprivileged ISA 20191213, chapter 24 "RV32/64G Instruction Set Listings"); {@link #NOP} is any instruction whose
 * only effect is a write to x0, and {@link #ILLEGAL} any encoding this machine does not implement.
 */
public final class Op {

    public static final int NOP = 1;
    public static final int LUI = 2;
    public static final int AUIPC = 3;
    public static final int JAL = 4;
    public static final int JALR = 5;
    public static final int BEQ = 6;
    public static final int BNE = 7;
    public static final int BLT = 8;
    public static final int BGE = 9;
    public static final int BLTU = 10;
    public static final int BGEU = 11;
    public static final int LB = 12;
    public static final int LH = 13;
    public static final int LW = 14;
    public static final int LD = 15;
    public static final int LBU = 16;
    public static final int LHU = 17;
    public static final int LWU = 18;
    public static final int SB = 19;
    public static final int SH = 20;
    public static final int SW = 21;
    public static final int SD = 22;
    public static final int ADDI = 23;
    public static final int SLTI = 24;
    public static final int SLTIU = 25;
    public static final int XORI = 26;
    public static final int ORI = 27;
    public static final int ANDI = 28;
    public static final int SLLI = 29;
    public static final int SRLI = 30;
    public static final int SRAI = 31;
    public static final int ADD = 32;
    public static final int SUB = 33;
    public static final int SLL = 34;
    public static final int SLT = 35;
    public static final int SLTU = 36;
    public static final int XOR = 37;
    public static final int SRL = 38;
    public static final int SRA = 39;
    public static final int OR = 40;
    public static final int AND = 41;
    public static final int ADDIW = 42;
    public static final int SLLIW = 43;
    public static final int SRLIW = 44;
    public static final int SRAIW = 45;
    public static final int ADDW = 46;
    public static final int SUBW = 47;
    public static final int SLLW = 48;
    public static final int SRLW = 49;
    public static final int SRAW = 50;
    public static final int MUL = 51;
    public static final int MULH = 52;
    public static final int MULHSU = 53;
    public static final int MULHU = 54;
    public static final int DIV = 55;
    public static final int DIVU = 56;
    public static final int REM = 57;
    public static final int REMU = 58;
    public static final int MULW = 59;
    public static final int DIVW = 60;
    public static final int DIVUW = 61;
    public static final int REMW = 62;
    public static final int REMUW = 63;
    public static final int FENCE = 64;
    public static final int FENCE_I = 65;
    public static final int ECALL = 66;
    public static final int EBREAK = 67;
    public static final int WFI = 68;
    public static final int CSRRW = 69;
    public static final int CSRRS = 70;
    public static final int CSRRC = 71;
    public static final int CSRRWI = 72;
    public static final int CSRRSI = 73;
    public static final int CSRRCI = 74;
    public static final int LR_W = 75;
    public static final int SC_W = 76;
    public static final int AMOSWAP_W = 77;
    public static final int AMOADD_W = 78;
    public static final int AMOXOR_W = 79;
    public static final int AMOAND_W = 80;
    public static final int AMOOR_W = 81;
    public static final int AMOMIN_W = 82;
    public static final int AMOMAX_W = 83;
    public static final int AMOMINU_W = 84;
    public static final int AMOMAXU_W = 85;
    public static final int LR_D = 86;
    public static final int SC_D = 87;
    public static final int AMOSWAP_D = 88;
    public static final int AMOADD_D = 89;
    public static final int AMOXOR_D = 90;
    public static final int AMOAND_D = 91;
    public static final int AMOOR_D = 92;
    public static final int AMOMIN_D = 93;
    public static final int AMOMAX_D = 94;
    public static final int AMOMINU_D = 95;
    public static final int AMOMAXU_D = 96;
    /** A conditional branch whose offset is not a multiple of 4: taken, it raises instruction-address-misaligned. */
    public static final int BRANCH_MISALIGNED = 97;
    public static final int ILLEGAL = 98;
    /** Not an instruction: the end of a block that stops at a page end, not at a jump (see {@code Block}). */
    public static final int BLOCK_END = 99;


    // Fused pairs (superinstructions): never decoded from one word; Block puts one in slot k of a pair at k, k+1 and
    // leaves the second instruction in slot k+1, where the interpreter reads what it needs of it.
    /** {@code andi rd, rs1, imm} then {@code slli rd, rd, shamt}: a masked, scaled table index. */
    public static final int ANDI_SLLI = 100;
    /** {@code add rd, rs1, rs2} then a load into rd based on rd: an indexed load. */
    public static final int ADD_LOAD = 101;
    /** {@code xor rd, rs1, rs2} then {@code sext.w rd, rd} ({@code addiw rd, rd, 0}). */
    public static final int XOR_SEXT = 102;
    /** Number of operations plus one (operation codes are 1..COUNT-1). */
    public static final int COUNT = 103;

    private static final String[] NAMES = {"?", "nop", "lui", "auipc", "jal", "jalr", "beq", "bne", "blt", "bge", "bltu", "bgeu", "lb", "lh", "lw", "ld", "lbu", "lhu", "lwu", "sb", "sh", "sw", "sd", "addi", "slti", "sltiu", "xori", "ori", "andi", "slli", "srli", "srai", "add", "sub", "sll", "slt", "sltu", "xor", "srl", "sra", "or", "and", "addiw", "slliw", "srliw", "sraiw", "addw", "subw", "sllw", "srlw", "sraw", "mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem", "remu", "mulw", "divw", "divuw", "remw", "remuw", "fence", "fence.i", "ecall", "ebreak", "wfi", "csrrw", "csrrs", "csrrc", "csrrwi", "csrrsi", "csrrci", "lr.w", "sc.w", "amoswap.w", "amoadd.w", "amoxor.w", "amoand.w", "amoor.w", "amomin.w", "amomax.w", "amominu.w", "amomaxu.w", "lr.d", "sc.d", "amoswap.d", "amoadd.d", "amoxor.d", "amoand.d", "amoor.d", "amomin.d", "amomax.d", "amominu.d", "amomaxu.d", "branch.misaligned", "illegal", "(block end)", "andi+slli", "add+load", "xor+sext.w"};

    private Op() {
    }

    /** The mnemonic of an operation code ("amoadd.w", "fence.i"). */
    public static String name(int op) {
        return op > 0 && op < NAMES.length ? NAMES[op] : "?";
    }
}
