package org.sysmodels.vcpu.model.isa;

import org.objectweb.asm.MethodVisitor;

/**
 * The frame of a translated block's method ({@link BlockTranslator}): its local variable slots and how constants are
 * pushed. The guest registers live in locals while the method runs (register r in {@link #reg}(r)), as QEMU's TCG
 * keeps guest registers in host registers within a translation block.
 */
abstract class BlockFrame {

    // The method's locals: this, h, mem, ops (the parameters), then ours.
    static final int H = 1;
    static final int MEM = 2;
    static final int X = 4;
    static final int DONE = 5; // long: retired in earlier passes of a loop of one block
    static final int LEFT = 7; // long: at most this many retire in this call
    static final int OFF = 9; // long: a load's or store's offset into RAM; a jalr's target
    static final int PAGE = 11; // long[]: the page of a load or store
    static final int AT = 12; // int: where a slow exit stops
    static final int REGS = 13; // long: guest register r is local REGS + 2r (r = 0..32)

    final MethodVisitor mv;

    BlockFrame(MethodVisitor mv) {
        this.mv = mv;
    }

    static int reg(int r) {
        return REGS + 2 * r;
    }

    final void push(int v) {
        mv.visitLdcInsn(v);
    }

    final void pushLong(long v) {
        mv.visitLdcInsn(v);
    }
}
