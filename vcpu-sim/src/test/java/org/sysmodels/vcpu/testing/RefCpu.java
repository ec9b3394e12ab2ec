package org.sysmodels.vcpu.testing;

import org.sysmodels.vcpu.model.isa.Hart;
import org.sysmodels.vcpu.model.isa.Interpreter;
import org.sysmodels.vcpu.model.memory.GuestMemory;

/**
 * A second RISC-V RV64IMA implementation for tests, written the plain way: fetch the word, pick the fields, one big
 * switch on opcode and funct, one instruction per call. No pre-decoding, no fast paths. The interpreter must agree
 * with it instruction by instruction.
 */
public final class RefCpu {

    public final long[] x = new long[32];
    public long pc;
    public long instret;
    public long reservation = -1;
    public long reservedValue;
    public long mmioAddr;
    public int mmioLen;
    public boolean mmioWrite;
    public long mmioData;
    private final GuestMemory mem;

    public RefCpu(GuestMemory mem) {
        this.mem = mem;
    }

    /** Runs up to {@code max} instructions; returns the interpreter's stop code for what stopped it. */
    public int run(long max) {
        for (long k = 0; k < max; k++) {
            int stop = step();
            if (stop >= 0) {
                return stop;
            }
        }
        return Interpreter.BUDGET;
    }

    private void set(int rd, long v) {
        if (rd != 0) {
            x[rd] = v;
        }
    }

    private static long sext(long v, int bits) {
        return (v << (64 - bits)) >> (64 - bits);
    }

    /** One instruction: -1 if it retired normally, else a stop code. */
    public int step() {
        if (!mem.contains(pc, 4)) {
            return Interpreter.FETCH_FAULT;
        }
        if ((pc & 3) != 0) {
            return Interpreter.MISALIGNED; // instruction-address-misaligned: no C extension, so 4-byte alignment
        }
        int insn = (int) mem.read(pc, 4);
        int opcode = insn & 0x7F;
        int rd = (insn >> 7) & 31;
        int f3 = (insn >> 12) & 7;
        int rs1 = (insn >> 15) & 31;
        int rs2 = (insn >> 20) & 31;
        int f7 = (insn >>> 25);
        long a = x[rs1];
        long b = x[rs2];
        long immI = insn >> 20;
        long immS = ((insn >> 25) << 5) | ((insn >> 7) & 31);
        long immB = ((insn >> 31) << 12) | (((insn >> 7) & 1) << 11) | (((insn >> 25) & 63) << 5)
                | (((insn >> 8) & 15) << 1);
        long immU = insn & 0xFFFFF000L;
        immU = (int) immU;
        long immJ = ((insn >> 31) << 20) | (insn & 0xFF000) | (((insn >> 20) & 1) << 11)
                | (((insn >> 21) & 0x3FF) << 1);
        if ((insn & 3) != 3) {
            return Interpreter.ILLEGAL;
        }
        switch (opcode) {
            case 0x37 -> set(rd, immU);
            case 0x17 -> set(rd, pc + immU);
            case 0x6F -> {
                long t = pc + immJ;
                if ((t & 3) != 0) {
                    return Interpreter.MISALIGNED;
                }
                set(rd, pc + 4);
                pc = t;
                instret++;
                return -1;
            }
            case 0x67 -> {
                if (f3 != 0) {
                    return Interpreter.ILLEGAL;
                }
                long t = (a + immI) & ~1L;
                if ((t & 3) != 0) {
                    return Interpreter.MISALIGNED;
                }
                set(rd, pc + 4);
                pc = t;
                instret++;
                return -1;
            }
            case 0x63 -> {
                boolean taken;
                switch (f3) {
                    case 0 -> taken = a == b;
                    case 1 -> taken = a != b;
                    case 4 -> taken = a < b;
                    case 5 -> taken = a >= b;
                    case 6 -> taken = Long.compareUnsigned(a, b) < 0;
                    case 7 -> taken = Long.compareUnsigned(a, b) >= 0;
                    default -> {
                        return Interpreter.ILLEGAL;
                    }
                }
                if (taken) {
                    long t = pc + immB;
                    if ((t & 3) != 0) {
                        return Interpreter.MISALIGNED;
                    }
                    pc = t;
                    instret++;
                    return -1;
                }
            }
            case 0x03 -> {
                int len;
                boolean signed;
                switch (f3) {
                    case 0 -> { len = 1; signed = true; }
                    case 1 -> { len = 2; signed = true; }
                    case 2 -> { len = 4; signed = true; }
                    case 3 -> { len = 8; signed = true; }
                    case 4 -> { len = 1; signed = false; }
                    case 5 -> { len = 2; signed = false; }
                    case 6 -> { len = 4; signed = false; }
                    default -> {
                        return Interpreter.ILLEGAL;
                    }
                }
                long addr = a + immI;
                if (!mem.contains(addr, len)) {
                    mmioAddr = addr;
                    mmioLen = len;
                    mmioWrite = false;
                    return Interpreter.MMIO;
                }
                long v = mem.read(addr, len);
                set(rd, signed ? sext(v, len * 8) : v);
            }
            case 0x23 -> {
                if (f3 > 3) {
                    return Interpreter.ILLEGAL;
                }
                int len = 1 << f3;
                long addr = a + immS;
                if (!mem.contains(addr, len)) {
                    mmioAddr = addr;
                    mmioLen = len;
                    mmioWrite = true;
                    mmioData = len == 8 ? b : b & ((1L << (8 * len)) - 1);
                    return Interpreter.MMIO;
                }
                mem.write(addr, len, b);
            }
            case 0x13 -> {
                int sh = (insn >> 20) & 63;
                int f6 = insn >>> 26;
                switch (f3) {
                    case 0 -> set(rd, a + immI);
                    case 2 -> set(rd, a < immI ? 1 : 0);
                    case 3 -> set(rd, Long.compareUnsigned(a, immI) < 0 ? 1 : 0);
                    case 4 -> set(rd, a ^ immI);
                    case 6 -> set(rd, a | immI);
                    case 7 -> set(rd, a & immI);
                    case 1 -> {
                        if (f6 != 0) {
                            return Interpreter.ILLEGAL;
                        }
                        set(rd, a << sh);
                    }
                    default -> {
                        if (f6 == 0) {
                            set(rd, a >>> sh);
                        } else if (f6 == 0x10) {
                            set(rd, a >> sh);
                        } else {
                            return Interpreter.ILLEGAL;
                        }
                    }
                }
            }
            case 0x1B -> {
                int sh = (insn >> 20) & 31;
                switch (f3) {
                    case 0 -> set(rd, sext(a + immI, 32));
                    case 1 -> {
                        if (f7 != 0) {
                            return Interpreter.ILLEGAL;
                        }
                        set(rd, sext(a << sh, 32));
                    }
                    case 5 -> {
                        if (f7 == 0) {
                            set(rd, sext((a & 0xFFFFFFFFL) >>> sh, 32));
                        } else if (f7 == 0x20) {
                            set(rd, sext(a, 32) >> sh);
                        } else {
                            return Interpreter.ILLEGAL;
                        }
                    }
                    default -> {
                        return Interpreter.ILLEGAL;
                    }
                }
            }
            case 0x33 -> {
                if (f7 == 1) {
                    switch (f3) {
                        case 0 -> set(rd, a * b);
                        case 1 -> set(rd, new java.math.BigInteger(Long.toString(a))
                                .multiply(java.math.BigInteger.valueOf(b)).shiftRight(64).longValue());
                        case 2 -> set(rd, java.math.BigInteger.valueOf(a).multiply(new java.math.BigInteger(
                                Long.toUnsignedString(b))).shiftRight(64).longValue());
                        case 3 -> set(rd, new java.math.BigInteger(Long.toUnsignedString(a)).multiply(
                                new java.math.BigInteger(Long.toUnsignedString(b))).shiftRight(64).longValue());
                        case 4 -> set(rd, b == 0 ? -1 : (a == Long.MIN_VALUE && b == -1) ? a : a / b);
                        case 5 -> set(rd, b == 0 ? -1 : Long.divideUnsigned(a, b));
                        case 6 -> set(rd, b == 0 ? a : (a == Long.MIN_VALUE && b == -1) ? 0 : a % b);
                        default -> set(rd, b == 0 ? a : Long.remainderUnsigned(a, b));
                    }
                } else if (f7 == 0 || (f7 == 0x20 && (f3 == 0 || f3 == 5))) {
                    switch (f3) {
                        case 0 -> set(rd, f7 == 0 ? a + b : a - b);
                        case 1 -> set(rd, a << (b & 63));
                        case 2 -> set(rd, a < b ? 1 : 0);
                        case 3 -> set(rd, Long.compareUnsigned(a, b) < 0 ? 1 : 0);
                        case 4 -> set(rd, a ^ b);
                        case 5 -> set(rd, f7 == 0 ? a >>> (b & 63) : a >> (b & 63));
                        case 6 -> set(rd, a | b);
                        default -> set(rd, a & b);
                    }
                } else {
                    return Interpreter.ILLEGAL;
                }
            }
            case 0x3B -> {
                long aw = sext(a, 32);
                long bw = sext(b, 32);
                if (f7 == 1) {
                    switch (f3) {
                        case 0 -> set(rd, sext(aw * bw, 32));
                        case 4 -> set(rd, bw == 0 ? -1 : (aw == Integer.MIN_VALUE && bw == -1) ? aw : sext(aw / bw, 32));
                        case 5 -> set(rd, (b & 0xFFFFFFFFL) == 0 ? -1
                                : sext((a & 0xFFFFFFFFL) / (b & 0xFFFFFFFFL), 32));
                        case 6 -> set(rd, bw == 0 ? aw : (aw == Integer.MIN_VALUE && bw == -1) ? 0 : sext(aw % bw, 32));
                        case 7 -> set(rd, (b & 0xFFFFFFFFL) == 0 ? aw
                                : sext((a & 0xFFFFFFFFL) % (b & 0xFFFFFFFFL), 32));
                        default -> {
                            return Interpreter.ILLEGAL;
                        }
                    }
                } else if (f7 == 0 && (f3 == 0 || f3 == 1 || f3 == 5)) {
                    switch (f3) {
                        case 0 -> set(rd, sext(a + b, 32));
                        case 1 -> set(rd, sext(a << (b & 31), 32));
                        default -> set(rd, sext((a & 0xFFFFFFFFL) >>> (b & 31), 32));
                    }
                } else if (f7 == 0x20 && (f3 == 0 || f3 == 5)) {
                    set(rd, f3 == 0 ? sext(a - b, 32) : aw >> (b & 31));
                } else {
                    return Interpreter.ILLEGAL;
                }
            }
            case 0x0F -> {
                if (f3 > 1) {
                    return Interpreter.ILLEGAL;
                }
            }
            case 0x73 -> {
                if (f3 == 0) {
                    if (insn == 0x73) {
                        return Interpreter.ECALL;
                    }
                    if (insn == 0x00100073) {
                        return Interpreter.EBREAK;
                    }
                    if (insn == 0x10500073) {
                        pc += 4;
                        instret++;
                        return Interpreter.WFI;
                    }
                    return Interpreter.ILLEGAL;
                }
                if (f3 == 4) {
                    return Interpreter.ILLEGAL;
                }
                int csr = insn >>> 20;
                boolean writes = f3 == 1 || f3 == 5 || rs1 != 0;
                long v;
                if (csr == 0xC00 || csr == 0xC02) {
                    v = instret;
                } else if (csr == 0xC01) {
                    v = instret / Hart.NS_PER_TIME_TICK;
                } else {
                    return Interpreter.ILLEGAL;
                }
                if (writes) {
                    return Interpreter.ILLEGAL;
                }
                set(rd, v);
            }
            case 0x2F -> {
                if (f3 != 2 && f3 != 3) {
                    return Interpreter.ILLEGAL;
                }
                int len = f3 == 2 ? 4 : 8;
                int f5 = insn >>> 27;
                if (f5 == 2 && rs2 != 0) {
                    return Interpreter.ILLEGAL;
                }
                if (!java.util.List.of(0, 1, 2, 3, 4, 8, 12, 16, 20, 24, 28).contains(f5)) {
                    return Interpreter.ILLEGAL;
                }
                if ((a & (len - 1)) != 0) {
                    return Interpreter.MISALIGNED;
                }
                if (!mem.contains(a, len)) {
                    return Interpreter.ATOMIC_FAULT;
                }
                long old = len == 4 ? sext(mem.read(a, 4), 32) : mem.read(a, 8);
                long src = len == 4 ? sext(b, 32) : b;
                switch (f5) {
                    case 2 -> {
                        reservation = a;
                        reservedValue = old;
                        set(rd, old);
                    }
                    case 3 -> {
                        boolean ok = reservation == a && old == reservedValue;
                        reservation = -1;
                        if (ok) {
                            mem.write(a, len, b);
                        }
                        set(rd, ok ? 0 : 1);
                    }
                    default -> {
                        long next = switch (f5) {
                            case 1 -> src;
                            case 0 -> old + src;
                            case 4 -> old ^ src;
                            case 12 -> old & src;
                            case 8 -> old | src;
                            case 16 -> Math.min(old, src);
                            case 20 -> Math.max(old, src);
                            case 24 -> Long.compareUnsigned(old, src) <= 0 ? old : src;
                            default -> Long.compareUnsigned(old, src) >= 0 ? old : src;
                        };
                        mem.write(a, len, next);
                        set(rd, old);
                    }
                }
            }
            default -> {
                return Interpreter.ILLEGAL;
            }
        }
        pc += 4;
        instret++;
        return -1;
    }
}
