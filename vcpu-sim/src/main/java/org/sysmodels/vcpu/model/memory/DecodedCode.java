package org.sysmodels.vcpu.model.memory;

/**
 * What a CPU keeps decoded from this memory (the interpreter's blocks of pre-decoded instructions). Guest memory
 * knows which 4-byte words were decoded ({@link GuestMemory#markDecoded}); a store to one of them tells the decoded
 * code of its page to go, so code that writes code runs the new instructions.
 */
public interface DecodedCode {

    /** Everything decoded from page {@code page} is stale: forget it. */
    void invalidatePage(int page);
}
