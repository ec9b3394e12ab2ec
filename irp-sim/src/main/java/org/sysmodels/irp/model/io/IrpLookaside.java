package org.sysmodels.irp.model.io;

import java.util.ArrayList;
import java.util.List;

/**
 * Where IRPs come from: per-size lookaside lists, as IoAllocateIrp uses them (ReactOS irp.c: StackSize 1 from the
 * small list, up to 8 from the large list, anything bigger from pool). A freed packet goes back to its list, so a
 * steady workload allocates nothing: the same few packets (and their stack locations) are used again and again.
 */
public final class IrpLookaside {

    /** The largest stack size the lookaside lists serve. */
    public static final int LARGE_STACK = 8;
    private static final long IRP_BASE = 0xffffc00000000000L;

    private final List<Irp> registry = new ArrayList<>();
    /** The two lists' heads, linked through {@link Irp#lookasideNext} (Windows' SLIST_ENTRY): last freed first. */
    private Irp small;
    private Irp large;
    private long totalAllocates;

    /** A packet for {@code stackSize} locations, initialized (IoInitializeIrp). */
    Irp allocate(int stackSize) {
        totalAllocates++;
        Irp irp;
        // The large list first: one fused range test for the stacks it serves (the small list's test then sits in
        // the arm a 2-to-8-location stack never takes, so the JIT compiles it as one stub, not two).
        if (stackSize > 1 && stackSize <= LARGE_STACK && large != null) {
            irp = large;
            large = irp.lookasideNext;
        } else if (stackSize == 1 && small != null) {
            irp = small;
            small = irp.lookasideNext;
        } else {
            int capacity = stackSize == 1 ? 1 : Math.max(stackSize, LARGE_STACK);
            irp = new Irp(registry.size(), IRP_BASE + 0x1000L * registry.size(), capacity);
            irp.fromLookaside = stackSize <= LARGE_STACK;
            registry.add(irp);
        }
        irp.initialize(stackSize);
        irp.inUse = true;
        irp.generation++;
        return irp;
    }

    /** IoFreeIrp: back to its list (pool-sized packets are dropped). */
    void free(Irp irp) {
        irp.inUse = false;
        if (!irp.fromLookaside) {
            return;
        }
        // The link is written only when it changes (a packet freed onto an empty list again keeps its null link):
        // a reference store into a long-lived object costs a card mark besides the store.
        if (irp.capacity == 1) {
            Irp h = small;
            if (irp.lookasideNext != h) {
                irp.lookasideNext = h;
            }
            small = irp;
        } else {
            Irp h = large;
            if (irp.lookasideNext != h) {
                irp.lookasideNext = h;
            }
            large = irp;
        }
    }

    /** The packet with registry index {@code id}. */
    Irp byId(int id) {
        return registry.get(id);
    }

    /** Packets ever created (the lookaside's high-water mark). */
    public int created() {
        return registry.size();
    }

    public long totalAllocates() {
        return totalAllocates;
    }

    /** Allocations the lists could not serve: each made a new packet, so this is {@link #created()}. */
    public long allocateMisses() {
        return registry.size();
    }

    /**
     * Packets freed: every allocation marks its packet in use and every free (IoFreeIrp stops the machine on a packet
     * not in use) marks it free again, so this is the allocations less the packets in use.
     */
    public long totalFrees() {
        return totalAllocates - registry.stream().filter(Irp::inUse).count();
    }

    /** Packets allocated and not freed. */
    public List<Irp> outstanding() {
        return registry.stream().filter(Irp::inUse).toList();
    }
}
