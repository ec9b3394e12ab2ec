package org.sysmodels.vcpu.model.isa;

import static org.objectweb.asm.Opcodes.ACC_FINAL;
import static org.objectweb.asm.Opcodes.ACC_SUPER;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.INVOKESPECIAL;
import static org.objectweb.asm.Opcodes.RETURN;
import static org.objectweb.asm.Opcodes.V21;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.objectweb.asm.ClassWriter;
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
 *
 * <p>This class makes the hidden class; {@link BlockMethodWriter} writes its method, with {@link RegisterUse} (which
 * registers live in locals), {@link AluWriter} (the arithmetic) and {@link BlockFrame} (the local slots).
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
    private static final String EXECUTE = Type.getMethodDescriptor(Type.LONG_TYPE, Type.getType(Hart.class),
            Type.getType(GuestMemory.class), Type.getType(long[].class));

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
        new BlockMethodWriter(mv, block).method();
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }
}
