package org.sysmodels.vcpu.model.isa;

import static org.objectweb.asm.Opcodes.AALOAD;
import static org.objectweb.asm.Opcodes.ACC_FINAL;
import static org.objectweb.asm.Opcodes.ACC_STATIC;
import static org.objectweb.asm.Opcodes.ACC_SUPER;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.ASTORE;
import static org.objectweb.asm.Opcodes.GETFIELD;
import static org.objectweb.asm.Opcodes.GOTO;
import static org.objectweb.asm.Opcodes.I2L;
import static org.objectweb.asm.Opcodes.IADD;
import static org.objectweb.asm.Opcodes.IFEQ;
import static org.objectweb.asm.Opcodes.IFGE;
import static org.objectweb.asm.Opcodes.IFGT;
import static org.objectweb.asm.Opcodes.IFLT;
import static org.objectweb.asm.Opcodes.IFNE;
import static org.objectweb.asm.Opcodes.IFNULL;
import static org.objectweb.asm.Opcodes.ILOAD;
import static org.objectweb.asm.Opcodes.IMUL;
import static org.objectweb.asm.Opcodes.INVOKESPECIAL;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.ISHL;
import static org.objectweb.asm.Opcodes.ISHR;
import static org.objectweb.asm.Opcodes.ISTORE;
import static org.objectweb.asm.Opcodes.ISUB;
import static org.objectweb.asm.Opcodes.IUSHR;
import static org.objectweb.asm.Opcodes.L2I;
import static org.objectweb.asm.Opcodes.LADD;
import static org.objectweb.asm.Opcodes.LAND;
import static org.objectweb.asm.Opcodes.LASTORE;
import static org.objectweb.asm.Opcodes.LCMP;
import static org.objectweb.asm.Opcodes.LLOAD;
import static org.objectweb.asm.Opcodes.LMUL;
import static org.objectweb.asm.Opcodes.LOR;
import static org.objectweb.asm.Opcodes.LRETURN;
import static org.objectweb.asm.Opcodes.LSHL;
import static org.objectweb.asm.Opcodes.LSHR;
import static org.objectweb.asm.Opcodes.LSTORE;
import static org.objectweb.asm.Opcodes.LSUB;
import static org.objectweb.asm.Opcodes.LUSHR;
import static org.objectweb.asm.Opcodes.LXOR;
import static org.objectweb.asm.Opcodes.PUTFIELD;
import static org.objectweb.asm.Opcodes.RETURN;
import static org.objectweb.asm.Opcodes.V21;
import static org.sysmodels.vcpu.model.memory.GuestMemory.DRAM_START;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;
import org.sysmodels.vcpu.model.memory.GuestMemory;

/**
 * Translates a hot {@link Block} into a JVM method of its own (a hidden class, unloaded with the block), so HotSpot
 * compiles the guest's code rather than the interpreter's dispatch: register numbers, immediates and access sizes
 * become constants, the guest registers live in JVM locals (loaded on entry, written back on every way out), and a
 * loop of one block becomes a loop in the method. This is the interpreter's next tier, as QEMU's TCG translates
 * guest blocks to host code (QEMU docs, "Translator Internals"); nothing else changes: the method does exactly what
 * {@code Interpreter.execute} does with the block (stop codes, counts, the slow path for every access that is not a
 * plain aligned RAM access, the budget between passes of a loop).
 *
 * <p>What is translated: the integer and multiply instructions, loads, stores, {@code lui}, {@code auipc},
 * {@code fence}, and a block's end (a conditional branch, {@code jal}, {@code jalr}, the page end). An instruction
 * that needs the slow path (a division, {@code mulh}, a CSR, an atomic) or the hypervisor ({@code ecall},
 * {@code ebreak}, {@code wfi}, an illegal encoding) stops the method where the interpreter would stop; a block with a
 * misaligned branch, or longer than {@link #MAX_LENGTH}, stays interpreted.
 */
final class BlockTranslator {

    /**
     * A block is translated after it has retired this many instructions (system property
     * {@code sysmodels.vcpu.translateAfter}; {@code sysmodels.vcpu.translate=false} turns translation off).
     */
    static final long HOT_AFTER = Boolean.parseBoolean(System.getProperty("sysmodels.vcpu.translate", "true"))
            ? Long.getLong("sysmodels.vcpu.translateAfter", 10_000) : Long.MAX_VALUE;

    /**
     * Longer blocks stay interpreted: their method would pass HotSpot's limit for compiling a method (8,000 bytes of
     * bytecode, {@code HugeMethodLimit}) and run in the JVM's own interpreter.
     */
    static final int MAX_LENGTH = 200;

    private static final String SELF = "org/sysmodels/vcpu/model/isa/TranslatedBlock";
    private static final String SUPER = Type.getInternalName(CompiledBlock.class);
    private static final String HART = Type.getInternalName(Hart.class);
    private static final String ACCESS = Type.getInternalName(Access.class);
    private static final String EXECUTE = Type.getMethodDescriptor(Type.LONG_TYPE, Type.getType(Hart.class),
            Type.getType(GuestMemory.class), Type.getType(long[].class));

    // The method's locals: this, h, mem, ops (the parameters), then ours.
    private static final int H = 1;
    private static final int MEM = 2;
    private static final int X = 4;
    private static final int DONE = 5; // long: retired in earlier passes of a loop of one block
    private static final int LEFT = 7; // long: at most this many retire in this call
    private static final int OFF = 9; // long: a load's or store's offset into RAM; a jalr's target
    private static final int PAGE = 11; // long[]: the page of a load or store
    private static final int AT = 12; // int: where a slow exit stops
    private static final int REGS = 13; // long: guest register r is local REGS + 2r (r = 0..32)
    /** An exit's next instruction when a jalr has computed the pc (in OFF). */
    private static final int TARGET = Integer.MIN_VALUE;

    private BlockTranslator() {
    }

    /** The block as a method of its own, or {@link CompiledBlock#INTERPRETED} if it cannot be translated. */
    static CompiledBlock translate(Block block) {
        byte[] code = classFile(block);
        if (code == null) {
            return CompiledBlock.INTERPRETED;
        }
        try {
            MethodHandles.Lookup hidden = MethodHandles.lookup().defineHiddenClass(code, true);
            return (CompiledBlock) hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class))
                    .invoke();
        } catch (Throwable e) {
            throw new IllegalStateException("translating the block at 0x" + Long.toHexString(block.start), e);
        }
    }

    /** The class file of the block's method, or null if the block stays interpreted. */
    static byte[] classFile(Block block) {
        long[] code = block.plain;
        if (code.length > MAX_LENGTH) {
            return null;
        }
        for (long d : code) {
            if (Decoded.op(d) == Op.BRANCH_MISALIGNED) {
                return null;
            }
        }
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                return "java/lang/Object";
            }
        };
        cw.visit(V21, ACC_FINAL | ACC_SUPER, SELF, null, SUPER, null);
        MethodVisitor init = cw.visitMethod(0, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, SUPER, "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        MethodVisitor mv = cw.visitMethod(0, "execute", EXECUTE, null, null);
        mv.visitCode();
        new Writer(mv, block).method();
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** Writes the body of one block's method. */
    private static final class Writer {

        private final MethodVisitor mv;
        private final long start;
        private final long[] code;
        /** Registers the block reads or writes (loaded on entry), and those it writes (written back on exit). */
        private final boolean[] used = new boolean[Decoded.DISCARD + 1];
        private final boolean[] written = new boolean[Decoded.DISCARD + 1];
        private final Label slowExit = new Label();

        Writer(MethodVisitor mv, Block block) {
            this.mv = mv;
            this.start = block.start;
            this.code = block.plain;
            for (long d : code) {
                registers(d);
            }
        }

        private void registers(long d) {
            int op = Decoded.op(d);
            switch (op) {
                case Op.NOP, Op.FENCE, Op.FENCE_I, Op.ECALL, Op.EBREAK, Op.WFI, Op.ILLEGAL -> {
                }
                case Op.LUI, Op.AUIPC, Op.JAL -> write(Decoded.rd(d));
                case Op.JALR -> {
                    read(Decoded.rs1(d));
                    write(Decoded.rd(d));
                }
                case Op.BEQ, Op.BNE, Op.BLT, Op.BGE, Op.BLTU, Op.BGEU -> {
                    read(Decoded.rs1(d));
                    read(Decoded.rs2(d));
                }
                case Op.LB, Op.LH, Op.LW, Op.LD, Op.LBU, Op.LHU, Op.LWU -> {
                    read(Decoded.rs2(d));
                    write(Decoded.rd(d));
                }
                case Op.SB, Op.SH, Op.SW, Op.SD -> {
                    read(Decoded.rs1(d));
                    read(Decoded.rs2(d));
                }
                default -> {
                    if (alu(op)) {
                        read(Decoded.rs1(d));
                        read(Decoded.rs2(d));
                        write(Decoded.rd(d));
                    }
                    // Anything else stops the method before it runs: it touches no register here.
                }
            }
        }

        private void read(int r) {
            used[r] = true;
        }

        private void write(int r) {
            used[r] = true;
            written[r] = true;
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
                    mv.visitInsn(org.objectweb.asm.Opcodes.LALOAD);
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
                    mv.visitMethodInsn(INVOKESTATIC, ACCESS, "loadPage", "(L" + Type.getInternalName(
                            GuestMemory.class) + ";JI)[J", false);
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
                    mv.visitMethodInsn(INVOKESTATIC, ACCESS, "storePage", "(L" + Type.getInternalName(
                            GuestMemory.class) + ";JI)[J", false);
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
                    if (!alu(op)) {
                        // MULH and the divisions, the CSRs, the A extension: the interpreter's slow path.
                        push(i);
                        mv.visitVarInsn(ISTORE, AT);
                        mv.visitJumpInsn(GOTO, slowExit);
                        return true;
                    }
                    alu(op, rd, rs1, rs2, imm);
                }
            }
            return false;
        }

        /** The register-to-register and immediate operations this writer computes itself. */
        private static boolean alu(int op) {
            return op >= Op.ADDI && op <= Op.MUL || op == Op.MULW;
        }

        private void alu(int op, int rd, int rs1, int rs2, int imm) {
            mv.visitVarInsn(LLOAD, reg(rs1));
            switch (op) {
                case Op.ADDI, Op.XORI, Op.ORI, Op.ANDI -> {
                    pushLong(imm);
                    mv.visitInsn(switch (op) {
                        case Op.ADDI -> LADD;
                        case Op.XORI -> LXOR;
                        case Op.ORI -> LOR;
                        default -> LAND;
                    });
                }
                case Op.SLTI -> {
                    pushLong(imm);
                    compareTo01(false);
                }
                case Op.SLTIU -> {
                    pushLong(imm);
                    compareTo01(true);
                }
                case Op.SLLI, Op.SRLI, Op.SRAI -> {
                    push(imm);
                    mv.visitInsn(op == Op.SLLI ? LSHL : op == Op.SRLI ? LUSHR : LSHR);
                }
                case Op.ADD, Op.SUB, Op.XOR, Op.OR, Op.AND, Op.MUL -> {
                    mv.visitVarInsn(LLOAD, reg(rs2));
                    mv.visitInsn(switch (op) {
                        case Op.ADD -> LADD;
                        case Op.SUB -> LSUB;
                        case Op.XOR -> LXOR;
                        case Op.OR -> LOR;
                        case Op.AND -> LAND;
                        default -> LMUL;
                    });
                }
                case Op.SLT, Op.SLTU -> {
                    mv.visitVarInsn(LLOAD, reg(rs2));
                    compareTo01(op == Op.SLTU);
                }
                case Op.SLL, Op.SRL, Op.SRA -> {
                    mv.visitVarInsn(LLOAD, reg(rs2));
                    mv.visitInsn(L2I);
                    mv.visitInsn(op == Op.SLL ? LSHL : op == Op.SRL ? LUSHR : LSHR);
                }
                case Op.ADDIW -> {
                    mv.visitInsn(L2I);
                    push(imm);
                    mv.visitInsn(IADD);
                    mv.visitInsn(I2L);
                }
                case Op.SLLIW, Op.SRLIW, Op.SRAIW -> {
                    mv.visitInsn(L2I);
                    push(imm);
                    mv.visitInsn(op == Op.SLLIW ? ISHL : op == Op.SRLIW ? IUSHR : ISHR);
                    mv.visitInsn(I2L);
                }
                case Op.ADDW, Op.SUBW, Op.MULW, Op.SLLW, Op.SRLW, Op.SRAW -> {
                    mv.visitInsn(L2I);
                    mv.visitVarInsn(LLOAD, reg(rs2));
                    mv.visitInsn(L2I);
                    mv.visitInsn(switch (op) {
                        case Op.ADDW -> IADD;
                        case Op.SUBW -> ISUB;
                        case Op.MULW -> IMUL;
                        case Op.SLLW -> ISHL;
                        case Op.SRLW -> IUSHR;
                        default -> ISHR;
                    });
                    mv.visitInsn(I2L);
                }
                default -> throw new IllegalArgumentException(Op.name(op));
            }
            mv.visitVarInsn(LSTORE, reg(rd));
        }

        /** a, b on the stack → 1L if a < b (signed or unsigned), else 0L. */
        private void compareTo01(boolean unsigned) {
            if (unsigned) {
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "compareUnsigned", "(JJ)I", false);
            } else {
                mv.visitInsn(LCMP);
            }
            Label less = new Label();
            Label done = new Label();
            mv.visitJumpInsn(IFLT, less);
            pushLong(0);
            mv.visitJumpInsn(GOTO, done);
            mv.visitLabel(less);
            pushLong(1);
            mv.visitLabel(done);
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
            mv.visitJumpInsn(org.objectweb.asm.Opcodes.IFNONNULL, fast);
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

        private static int reg(int r) {
            return REGS + 2 * r;
        }

        private void push(int v) {
            mv.visitLdcInsn(v);
        }

        private void pushLong(long v) {
            mv.visitLdcInsn(v);
        }
    }
}
