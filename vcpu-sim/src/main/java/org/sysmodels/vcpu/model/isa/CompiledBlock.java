package org.sysmodels.vcpu.model.isa;

import org.sysmodels.vcpu.model.memory.GuestMemory;

/**
 * How a {@link Block} runs: interpreted ({@link #INTERPRETED}), or as its own JVM method that {@link BlockTranslator}
 * wrote for it once it was hot. Both do exactly what {@code Interpreter.execute} does with the block's instructions:
 * same registers, memory, pc, stop code and count (the translated form is checked against the reference CPU).
 */
abstract class CompiledBlock {

    /** The block stays with the interpreter (its code could not be translated, or translation is off). */
    static final CompiledBlock INTERPRETED = new CompiledBlock() {
        @Override
        long execute(Hart h, GuestMemory mem, long[] ops) {
            return Interpreter.execute(h, mem, ops);
        }
    };

    /**
     * Runs the block as {@code Interpreter.execute} does: from {@code h.blockStart}, at most {@code h.blockLeft}
     * instructions (passes of a loop of one block included), {@code h.blockDone} retired before.
     *
     * @param ops the block's operations (used by {@link #INTERPRETED}; a translated block has them built in)
     * @return the stop code shifted by 32 and the instructions retired, as {@code Interpreter.execute}
     */
    abstract long execute(Hart h, GuestMemory mem, long[] ops);
}
