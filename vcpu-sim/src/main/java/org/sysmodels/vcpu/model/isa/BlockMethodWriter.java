package org.sysmodels.vcpu.model.isa;

import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.ASTORE;
import static org.objectweb.asm.Opcodes.GETFIELD;
import static org.objectweb.asm.Opcodes.GOTO;
import static org.objectweb.asm.Opcodes.I2L;
import static org.objectweb.asm.Opcodes.IFEQ;
import static org.objectweb.asm.Opcodes.IFGE;
import static org.objectweb.asm.Opcodes.IFGT;
import static org.objectweb.asm.Opcodes.IFLT;
import static org.objectweb.asm.Opcodes.IFNE;
import static org.objectweb.asm.Opcodes.IFNONNULL;
import static org.objectweb.asm.Opcodes.ILOAD;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.ISTORE;
import static org.objectweb.asm.Opcodes.LADD;
import static org.objectweb.asm.Opcodes.LALOAD;
import static org.objectweb.asm.Opcodes.LAND;
import static org.objectweb.asm.Opcodes.LASTORE;
import static org.objectweb.asm.Opcodes.LCMP;
import static org.objectweb.asm.Opcodes.LLOAD;
import static org.objectweb.asm.Opcodes.LOR;
import static org.objectweb.asm.Opcodes.LRETURN;
import static org.objectweb.asm.Opcodes.LSHL;
import static org.objectweb.asm.Opcodes.LSTORE;
import static org.objectweb.asm.Opcodes.LSUB;
import static org.objectweb.asm.Opcodes.PUTFIELD;
import static org.sysmodels.vcpu.model.memory.GuestMemory.DRAM_START;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;
import org.sysmodels.vcpu.model.memory.GuestMemory;

/**
 * Writes the body of one block's method ({@link BlockTranslator}): registers loaded into locals, the instructions in
 * order (the ALU ones by {@link AluWriter}), loads and stores through {@link Access}'s page tables with a stop for the
 * slow path when a page is not there, and every way out as {@code Interpreter.execute}'s epilogue: registers written
 * back, pc set, the stop code and count returned. A conditional branch back to the block's start becomes a loop in
 * the method, bounded by what the call may retire.
 */
final class BlockMethodWriter extends BlockFrame {

    private static final String HART = Type.getInternalName(Hart.class);
    private static final String ACCESS = Type.getInternalName(Access.class);
    private static final String MEMORY = Type.getInternalName(GuestMemory.class);
    /** An exit's next instruction when a jalr has computed the pc (in OFF). */
    private static final int TARGET = Integer.MIN_VALUE;

    private final long start;
    private final long[] code;
    private final boolean[] used;
    private final boolean[] written;
    private final AluWriter alu;
    private final Label slowExit = new Label();

    BlockMethodWriter(MethodVisitor mv, Block block) {
        super(mv);
        this.start = block.start;
        this.code = block.plain;
        RegisterUse use = new RegisterUse(code);
        this.used = use.used;
        this.written = use.written;
        this.alu = new AluWriter(mv);
    }

    void method() {
        mv.visitVarInsn(ALOAD, H);
        mv.visitFieldInsn(GETFIELD, HART, "x", "[J");
        mv.visitVarInsn(ASTORE, X);
        mv.visitVarInsn(ALOAD, H);
        mv.visitFieldInsn(GETFIELD, HART, "blockDone", "J");
        mv.visitVarInsn(LSTORE, DONE);
        mv.visitVarInsn(ALOAD, H);
        mv.visitFieldInsn(GETFIELD, HART, "blockLeft", "J");
        mv.visitVarInsn(LSTORE, LEFT);
        for (int r = 0; r < used.length; r++) {
            if (used[r]) {
                mv.visitVarInsn(ALOAD, X);
                push(r);
                mv.visitInsn(LALOAD);
                mv.visitVarInsn(LSTORE, reg(r));
            }
        }
        Label top = new Label();
        mv.visitLabel(top);
        boolean ended = false;
        for (int i = 0; i < code.length && !ended; i++) {
            ended = instruction(i, code[i], top);
        }
        if (!ended) {
            // The page ends: the next block starts at the next page.
            exit(code.length, code.length, Interpreter.BUDGET, -1);
        }
        // Every access that is not a plain aligned RAM access, and every instruction only the slow path does:
        // stop at instruction AT, which has not run.
        mv.visitLabel(slowExit);
        writeBack();
        mv.visitVarInsn(ALOAD, H);
        pushLong(start);
        mv.visitVarInsn(ILOAD, AT);
        mv.visitInsn(I2L);
        push(2);
        mv.visitInsn(LSHL);
        mv.visitInsn(LADD);
        mv.visitFieldInsn(PUTFIELD, HART, "pc", "J");
        mv.visitVarInsn(LLOAD, DONE);
        mv.visitVarInsn(ILOAD, AT);
        mv.visitInsn(I2L);
        mv.visitInsn(LADD);
        pushLong((long) Interpreter.SLOW << Interpreter.STOP_SHIFT);
        mv.visitInsn(LOR);
        mv.visitInsn(LRETURN);
    }

    /** Instruction i; true if it ends the method's straight line (every way on from it is an exit). */
    private boolean instruction(int i, long d, Label top) {
        int op = Decoded.op(d);
        int rd = Decoded.rd(d);
        int rs1 = Decoded.rs1(d);
        int rs2 = Decoded.rs2(d);
        int imm = Decoded.imm(d);
        switch (op) {
            case Op.NOP -> {
            }
            case Op.FENCE -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/invoke/VarHandle", "fullFence", "()V",
                    false);
            case Op.LUI -> {
                pushLong(imm);
                mv.visitVarInsn(LSTORE, reg(rd));
            }
            case Op.AUIPC -> {
                pushLong(start + imm); // relative to the block's start (see Block)
                mv.visitVarInsn(LSTORE, reg(rd));
            }
            case Op.LB, Op.LH, Op.LW, Op.LD, Op.LBU, Op.LHU, Op.LWU -> {
                int aux = Decoded.aux(d);
                offset(rs2, imm);
                mv.visitVarInsn(ALOAD, MEM);
                mv.visitVarInsn(LLOAD, OFF);
                push(aux & 7);
                mv.visitMethodInsn(INVOKESTATIC, ACCESS, "loadPage", "(L" + MEMORY + ";JI)[J", false);
                slowIfNull(i);
                mv.visitVarInsn(ALOAD, PAGE);
                mv.visitVarInsn(LLOAD, OFF);
                push(aux);
                mv.visitMethodInsn(INVOKESTATIC, ACCESS, "load", "([JJI)J", false);
                mv.visitVarInsn(LSTORE, reg(rd));
            }
            case Op.SB, Op.SH, Op.SW, Op.SD -> {
                int sizeMinus1 = rd & 7;
                offset(rs1, imm);
                mv.visitVarInsn(ALOAD, MEM);
                mv.visitVarInsn(LLOAD, OFF);
                push(sizeMinus1);
                mv.visitMethodInsn(INVOKESTATIC, ACCESS, "storePage", "(L" + MEMORY + ";JI)[J", false);
                slowIfNull(i);
                mv.visitVarInsn(ALOAD, PAGE);
                mv.visitVarInsn(LLOAD, OFF);
                push(sizeMinus1);
                mv.visitVarInsn(LLOAD, reg(rs2));
                mv.visitMethodInsn(INVOKESTATIC, ACCESS, "store", "([JJIJ)V", false);
            }
            case Op.BEQ, Op.BNE, Op.BLT, Op.BGE, Op.BLTU, Op.BGEU -> {
                branch(i, op, rs1, rs2, imm, top);
                return true;
            }
            case Op.JAL -> {
                if ((imm & 3) != 0) {
                    exit(i, i, Interpreter.MISALIGNED, -1);
                } else {
                    exit(imm >> 2, i + 1, Interpreter.BUDGET, rd);
                }
                return true;
            }
            case Op.JALR -> {
                mv.visitVarInsn(LLOAD, reg(rs1));
                pushLong(imm);
                mv.visitInsn(LADD);
                pushLong(~1L);
                mv.visitInsn(LAND);
                mv.visitVarInsn(LSTORE, OFF);
                Label aligned = new Label();
                mv.visitVarInsn(LLOAD, OFF);
                pushLong(3);
                mv.visitInsn(LAND);
                pushLong(0);
                mv.visitInsn(LCMP);
                mv.visitJumpInsn(IFEQ, aligned);
                exit(i, i, Interpreter.MISALIGNED, -1);
                mv.visitLabel(aligned);
                exit(TARGET, i + 1, Interpreter.BUDGET, rd);
                return true;
            }
            case Op.ECALL -> {
                exit(i, i, Interpreter.ECALL, -1);
                return true;
            }
            case Op.EBREAK -> {
                exit(i, i, Interpreter.EBREAK, -1);
                return true;
            }
            case Op.WFI -> {
                exit(i + 1, i + 1, Interpreter.WFI, -1);
                return true;
            }
            case Op.FENCE_I -> {
                exit(i + 1, i + 1, Interpreter.BUDGET, -1);
                return true;
            }
            case Op.ILLEGAL -> {
                mv.visitVarInsn(ALOAD, H);
                push(imm);
                mv.visitFieldInsn(PUTFIELD, HART, "faultInsn", "I");
                exit(i, i, Interpreter.ILLEGAL, -1);
                return true;
            }
            default -> {
                if (!AluWriter.computes(op)) {
                    // MULH and the divisions, the CSRs, the A extension: the interpreter's slow path.
                    push(i);
                    mv.visitVarInsn(ISTORE, AT);
                    mv.visitJumpInsn(GOTO, slowExit);
                    return true;
                }
                alu.write(op, rd, rs1, rs2, imm);
            }
        }
        return false;
    }

    /** OFF = x[base] + imm - DRAM_START. */
    private void offset(int base, int imm) {
        mv.visitVarInsn(LLOAD, reg(base));
        pushLong((long) imm - DRAM_START);
        mv.visitInsn(LADD);
        mv.visitVarInsn(LSTORE, OFF);
    }

    /** The page on the stack into PAGE; if it is null, stop at instruction i for the slow path. */
    private void slowIfNull(int i) {
        mv.visitVarInsn(ASTORE, PAGE);
        mv.visitVarInsn(ALOAD, PAGE);
        Label fast = new Label();
        mv.visitJumpInsn(IFNONNULL, fast);
        push(i);
        mv.visitVarInsn(ISTORE, AT);
        mv.visitJumpInsn(GOTO, slowExit);
        mv.visitLabel(fast);
    }

    /** A conditional branch at i, the block's last instruction. */
    private void branch(int i, int op, int rs1, int rs2, int rel, Label top) {
        int count = i + 1;
        mv.visitVarInsn(LLOAD, reg(rs1));
        mv.visitVarInsn(LLOAD, reg(rs2));
        if (op == Op.BLTU || op == Op.BGEU) {
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "compareUnsigned", "(JJ)I", false);
        } else {
            mv.visitInsn(LCMP);
        }
        Label taken = new Label();
        mv.visitJumpInsn(switch (op) {
            case Op.BEQ -> IFEQ;
            case Op.BNE -> IFNE;
            case Op.BLT, Op.BLTU -> IFLT;
            default -> IFGE;
        }, taken);
        exit(count, count, Interpreter.BUDGET, -1);
        mv.visitLabel(taken);
        if (rel == 0) {
            // A loop of one block: another pass here while it fits in what this call may retire.
            mv.visitVarInsn(LLOAD, DONE);
            pushLong(count);
            mv.visitInsn(LADD);
            mv.visitVarInsn(LSTORE, DONE);
            mv.visitVarInsn(LLOAD, DONE);
            pushLong(count);
            mv.visitInsn(LADD);
            mv.visitVarInsn(LLOAD, LEFT);
            mv.visitInsn(LCMP);
            Label over = new Label();
            mv.visitJumpInsn(IFGT, over);
            mv.visitJumpInsn(GOTO, top);
            mv.visitLabel(over);
            mv.visitVarInsn(LLOAD, DONE);
            pushLong(count);
            mv.visitInsn(LSUB);
            mv.visitVarInsn(LSTORE, DONE);
        }
        exit(rel >> 2, count, Interpreter.BUDGET, -1);
    }

    /**
     * Leaves the method as {@code Interpreter.execute}'s epilogue does: registers written back, the link register
     * (if {@code link} ≥ 0) set to the pc after instruction count - 1, the pc set to instruction {@code next} of
     * the block (which may be before it; or, if next is {@link #TARGET}, to the jalr target in OFF), and the stop
     * code and count returned.
     */
    private void exit(int next, int count, int stop, int link) {
        writeBack();
        if (link >= 0) {
            mv.visitVarInsn(ALOAD, X);
            push(link);
            pushLong(start + ((long) count << 2));
            mv.visitInsn(LASTORE);
        }
        mv.visitVarInsn(ALOAD, H);
        if (next == TARGET) {
            mv.visitVarInsn(LLOAD, OFF);
        } else {
            pushLong(start + ((long) next << 2));
        }
        mv.visitFieldInsn(PUTFIELD, HART, "pc", "J");
        mv.visitVarInsn(LLOAD, DONE);
        pushLong((long) stop << Interpreter.STOP_SHIFT | count);
        mv.visitInsn(LADD);
        mv.visitInsn(LRETURN);
    }

    private void writeBack() {
        for (int r = 0; r < written.length; r++) {
            if (written[r]) {
                mv.visitVarInsn(ALOAD, X);
                push(r);
                mv.visitVarInsn(LLOAD, reg(r));
                mv.visitInsn(LASTORE);
            }
        }
    }
}
