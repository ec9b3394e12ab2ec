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
    private Irp[] small = new Irp[64];
    private Irp[] large = new Irp[64];
    private int smallCount;
    private int largeCount;
    private long totalAllocates;
    private long allocateMisses;
    private long totalFrees;

    /** A packet for {@code stackSize} locations, initialized (IoInitializeIrp). */
    Irp allocate(int stackSize) {
        totalAllocates++;
        Irp irp;
        if (stackSize == 1 && smallCount > 0) {
            irp = small[--smallCount];
            small[smallCount] = null;
        } else if (stackSize > 1 && stackSize <= LARGE_STACK && largeCount > 0) {
            irp = large[--largeCount];
            large[largeCount] = null;
        } else {
            allocateMisses++;
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
        totalFrees++;
        irp.inUse = false;
        if (!irp.fromLookaside) {
            return;
        }
        if (irp.capacity == 1) {
            if (smallCount == small.length) {
                small = java.util.Arrays.copyOf(small, smallCount * 2);
            }
            small[smallCount++] = irp;
        } else {
            if (largeCount == large.length) {
                large = java.util.Arrays.copyOf(large, largeCount * 2);
            }
            large[largeCount++] = irp;
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

    /** Allocations the lists could not serve (a new packet was made). */
    public long allocateMisses() {
        return allocateMisses;
    }

    public long totalFrees() {
        return totalFrees;
    }

    /** Packets allocated and not freed. */
    public List<Irp> outstanding() {
        return registry.stream().filter(Irp::inUse).toList();
    }
}
