package org.sysmodels.vcpu.model.isa;

import static org.objectweb.asm.Opcodes.GOTO;
import static org.objectweb.asm.Opcodes.I2L;
import static org.objectweb.asm.Opcodes.IADD;
import static org.objectweb.asm.Opcodes.IFLT;
import static org.objectweb.asm.Opcodes.IMUL;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.ISHL;
import static org.objectweb.asm.Opcodes.ISHR;
import static org.objectweb.asm.Opcodes.ISUB;
import static org.objectweb.asm.Opcodes.IUSHR;
import static org.objectweb.asm.Opcodes.L2I;
import static org.objectweb.asm.Opcodes.LADD;
import static org.objectweb.asm.Opcodes.LAND;
import static org.objectweb.asm.Opcodes.LCMP;
import static org.objectweb.asm.Opcodes.LLOAD;
import static org.objectweb.asm.Opcodes.LMUL;
import static org.objectweb.asm.Opcodes.LOR;
import static org.objectweb.asm.Opcodes.LSHL;
import static org.objectweb.asm.Opcodes.LSHR;
import static org.objectweb.asm.Opcodes.LSTORE;
import static org.objectweb.asm.Opcodes.LSUB;
import static org.objectweb.asm.Opcodes.LUSHR;
import static org.objectweb.asm.Opcodes.LXOR;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * The register-to-register and immediate operations of RV64I and {@code mul}/{@code mulw} of RV64M as JVM
 * arithmetic on the register locals (RISC-V ISA manual, Volume I, "RV32I/RV64I Base Integer Instruction Set" and "M
 * Standard Extension"): the W forms compute in 32 bits and sign-extend, shifts take the JVM's masking of the shift
 * amount (6 bits for long, 5 for int), which is RISC-V's.
 */
final class AluWriter extends BlockFrame {

    AluWriter(MethodVisitor mv) {
        super(mv);
    }

    /** The operations this writer computes itself; every other op is not an ALU op here. */
    static boolean computes(int op) {
        return op >= Op.ADDI && op <= Op.MUL || op == Op.MULW;
    }

    /** x[rd] = op(x[rs1], x[rs2] or imm). */
    void write(int op, int rd, int rs1, int rs2, int imm) {
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
}
