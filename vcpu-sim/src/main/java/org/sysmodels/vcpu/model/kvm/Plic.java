package org.sysmodels.vcpu.model.kvm;

import java.util.Arrays;

/**
 * The interrupt controller, kept by KVM as Firecracker's aarch64 microVMs keep the GIC in the kernel (KVM_CREATE_DEVICE
 * vGIC): the guest's accesses to it are handled inside KVM_RUN, without an exit to the VMM, and devices raise lines
 * through irqfds. It is a RISC-V Platform-Level Interrupt Controller (riscv-plic-spec 1.0.0) cut to what a reader
 * needs: 31 sources with a priority each, a pending bit each, and one context per hart (QEMU virt gives each hart an
 * M-mode and an S-mode context; here context n is hart n) with an enable mask, a threshold and the claim/complete
 * register. An interrupt is pending for a hart when an enabled source is pending with a priority above the hart's
 * threshold; {@code wfi} wakes on that, even with interrupts globally disabled (Privileged ISA §3.3.3), so a guest
 * without a trap handler can wait for a device by {@code wfi} and then claim.
 *
 * <p>Register map (offsets from 0x0c00_0000, as the PLIC spec's): priority of source s at 4*s; pending bits at
 * 0x1000; enables of context c at 0x2000 + 0x80*c; threshold at 0x20_0000 + 0x1000*c; claim/complete at
 * 0x20_0004 + 0x1000*c.
 *
 * <p>Sources are edge-triggered here, as an irqfd write is an edge: the gateway sets the pending bit, and a source
 * that is claimed and not yet completed is not forwarded again until completed.
 */
public final class Plic {

    public static final long BASE = 0x0c00_0000L;
    public static final long SIZE = 0x40_0000L;
    public static final int SOURCES = 32;

    private final int contexts;
    private final int[] priority = new int[SOURCES];
    private int pending;
    private final int[] enable;
    private final int[] threshold;
    private int inService;
    private final Runnable[] wakeHart;

    public Plic(int harts) {
        this.contexts = harts;
        enable = new int[harts];
        threshold = new int[harts];
        wakeHart = new Runnable[harts];
        Arrays.fill(wakeHart, (Runnable) () -> { });
    }

    /** What to call when hart {@code hart} may have an interrupt to wake for. */
    public void onWake(int hart, Runnable wake) {
        wakeHart[hart] = wake;
    }

    public static boolean contains(long addr) {
        return addr >= BASE && addr < BASE + SIZE;
    }

    /** A device's interrupt edge (an irqfd write): source {@code irq} becomes pending. */
    public void raise(int irq) {
        int wake;
        synchronized (this) {
            pending |= 1 << irq;
            wake = wakeMask();
        }
        for (int c = 0; c < contexts; c++) {
            if ((wake & (1 << c)) != 0) {
                wakeHart[c].run();
            }
        }
    }

    /** True if hart {@code hart} has an interrupt pending (wfi returns). */
    public synchronized boolean pendingFor(int hart) {
        return hart < contexts && best(hart) != 0;
    }

    /** A 4-byte read at {@code addr} (a guest's lw, handled in the kernel). */
    public synchronized long read(long addr) {
        long off = addr - BASE;
        if (off < 0x1000) {
            int s = (int) (off >>> 2);
            return s < SOURCES ? priority[s] : 0;
        }
        if (off == 0x1000) {
            return pending & 0xFFFF_FFFFL;
        }
        if (off >= 0x2000 && off < 0x20_0000) {
            int c = (int) ((off - 0x2000) / 0x80);
            return c < contexts && (off - 0x2000) % 0x80 == 0 ? enable[c] & 0xFFFF_FFFFL : 0;
        }
        int c = (int) ((off - 0x20_0000) / 0x1000);
        if (c >= contexts) {
            return 0;
        }
        return switch ((int) ((off - 0x20_0000) % 0x1000)) {
            case 0 -> threshold[c];
            case 4 -> claim(c);
            default -> 0;
        };
    }

    /** A 4-byte write at {@code addr}. */
    public void write(long addr, long value) {
        int wake;
        synchronized (this) {
            long off = addr - BASE;
            int v = (int) value;
            if (off < 0x1000) {
                int s = (int) (off >>> 2);
                if (s > 0 && s < SOURCES) {
                    priority[s] = v & 7;
                }
            } else if (off >= 0x2000 && off < 0x20_0000) {
                int c = (int) ((off - 0x2000) / 0x80);
                if (c < contexts && (off - 0x2000) % 0x80 == 0) {
                    enable[c] = v & ~1; // source 0 does not exist
                }
            } else if (off >= 0x20_0000) {
                int c = (int) ((off - 0x20_0000) / 0x1000);
                int reg = (int) ((off - 0x20_0000) % 0x1000);
                if (c < contexts && reg == 0) {
                    threshold[c] = v & 7;
                } else if (c < contexts && reg == 4 && v > 0 && v < SOURCES) {
                    inService &= ~(1 << v); // complete: the gateway may forward this source again
                }
            }
            wake = wakeMask();
        }
        for (int c = 0; c < contexts; c++) {
            if ((wake & (1 << c)) != 0) {
                wakeHart[c].run();
            }
        }
    }

    private int claim(int c) {
        int s = best(c);
        if (s != 0) {
            pending &= ~(1 << s);
            inService |= 1 << s;
        }
        return s;
    }

    /** The pending, enabled, not in-service source of highest priority above the threshold (ties: lowest id). */
    private int best(int c) {
        int bestSource = 0;
        int bestPriority = threshold[c];
        int candidates = pending & enable[c] & ~inService;
        for (int s = 1; s < SOURCES; s++) {
            if ((candidates & (1 << s)) != 0 && priority[s] > bestPriority) {
                bestSource = s;
                bestPriority = priority[s];
            }
        }
        return bestSource;
    }

    private int wakeMask() {
        int m = 0;
        for (int c = 0; c < contexts; c++) {
            if (best(c) != 0) {
                m |= 1 << c;
            }
        }
        return m;
    }

    // ------------------------------------------------------------------ state, for snapshots

    /** The controller's registers: priorities, then pending, in-service, then enable and threshold per context. */
    public synchronized int[] save() {
        int[] s = new int[SOURCES + 2 + 2 * contexts];
        System.arraycopy(priority, 0, s, 0, SOURCES);
        s[SOURCES] = pending;
        s[SOURCES + 1] = inService;
        for (int c = 0; c < contexts; c++) {
            s[SOURCES + 2 + 2 * c] = enable[c];
            s[SOURCES + 3 + 2 * c] = threshold[c];
        }
        return s;
    }

    public synchronized void restore(int[] s) {
        System.arraycopy(s, 0, priority, 0, SOURCES);
        pending = s[SOURCES];
        inService = s[SOURCES + 1];
        for (int c = 0; c < contexts; c++) {
            enable[c] = s[SOURCES + 2 + 2 * c];
            threshold[c] = s[SOURCES + 3 + 2 * c];
        }
    }
}
