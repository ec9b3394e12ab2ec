package org.sysmodels.vcpu.model.devices;

import java.util.ArrayDeque;

/**
 * The serial console: a 16550A UART as Firecracker emulates it with rust-vmm's {@code vm-superio} {@code Serial}
 * (register set of the National Semiconductor PC16550D data sheet): a byte written to THR goes straight to the
 * output (there is no transmit delay, so LSR always says the transmitter is empty), input bytes wait in a 64-byte
 * FIFO with LSR.DR set, and the two interrupts (received data available, THR empty) are raised when IER enables
 * them. DLAB switches offsets 0 and 1 to the baud divisor. Loopback mode (MCR bit 4) sends THR back into the FIFO.
 */
public final class Serial implements BusDevice {

    public static final long BASE = 0x4000_2000L;
    public static final long SIZE = 0x1000;
    public static final int FIFO_SIZE = 0x40;

    private static final int DATA = 0;
    private static final int IER = 1;
    private static final int IIR = 2;
    private static final int LCR = 3;
    private static final int MCR = 4;
    private static final int LSR = 5;
    private static final int MSR = 6;
    private static final int SCR = 7;

    private static final int IER_RDA = 0x01;
    private static final int IER_THR_EMPTY = 0x02;
    private static final int IER_VALID = 0x0F;
    private static final int IIR_FIFO_BITS = 0xC0;
    private static final int IIR_NONE = 0x01;
    private static final int IIR_THR_EMPTY = 0x02;
    private static final int IIR_RDA = 0x04;
    private static final int LCR_DLAB = 0x80;
    private static final int LSR_DATA_READY = 0x01;
    private static final int LSR_EMPTY_THR = 0x20;
    private static final int LSR_IDLE = 0x40;
    private static final int MCR_DTR = 0x01;
    private static final int MCR_RTS = 0x02;
    private static final int MCR_OUT1 = 0x04;
    private static final int MCR_OUT2 = 0x08;
    private static final int MCR_LOOP = 0x10;
    private static final int MSR_CTS = 0x10;
    private static final int MSR_DSR = 0x20;
    private static final int MSR_RI = 0x40;
    private static final int MSR_DCD = 0x80;

    /** Where transmitted bytes go. */
    @FunctionalInterface
    public interface Output {
        void byteOut(int b);
    }

    private final Output out;
    private final Runnable interrupt;
    private int divisorLow = 0x0C;
    private int divisorHigh;
    private int ier;
    private int iir = IIR_NONE;
    private int lcr = 0x03;
    private int lsr = LSR_EMPTY_THR | LSR_IDLE;
    private int mcr = MCR_OUT2;
    private int msr = MSR_DSR | MSR_CTS | MSR_DCD;
    private int scratch;
    private final ArrayDeque<Byte> fifo = new ArrayDeque<>(FIFO_SIZE);

    /** @param interrupt raises the UART's interrupt line (an irqfd write) */
    public Serial(Output out, Runnable interrupt) {
        this.out = out;
        this.interrupt = interrupt;
    }

    @Override
    public String name() {
        return "serial";
    }

    @Override
    public long read(long offset, int len) {
        if (len != 1) {
            return 0;
        }
        return switch ((int) offset) {
            case DATA -> dlab() ? divisorLow : receive();
            case IER -> dlab() ? divisorHigh : ier;
            case IIR -> {
                int v = iir | IIR_FIFO_BITS;
                iir = IIR_NONE;
                yield v;
            }
            case LCR -> lcr;
            case MCR -> mcr;
            case LSR -> lsr;
            case MSR -> loop() ? loopbackModemStatus() : msr;
            case SCR -> scratch;
            default -> 0;
        };
    }

    @Override
    public void write(long offset, int len, long value) {
        if (len != 1) {
            return;
        }
        int v = (int) value & 0xFF;
        switch ((int) offset) {
            case DATA -> {
                if (dlab()) {
                    divisorLow = v;
                } else if (loop()) {
                    enqueue(v);
                } else {
                    out.byteOut(v);
                    if ((ier & IER_THR_EMPTY) != 0 && (iir & IIR_THR_EMPTY) == 0) {
                        addInterrupt(IIR_THR_EMPTY);
                    }
                }
            }
            case IER -> {
                if (dlab()) {
                    divisorHigh = v;
                } else {
                    ier = v & IER_VALID;
                }
            }
            case LCR -> lcr = v;
            case MCR -> mcr = v;
            case SCR -> scratch = v;
            default -> {
            }
        }
    }

    /**
     * Input for the guest (the VMM's stdin): as many bytes as fit in the FIFO go in. @return how many were taken, or
     * -1 if the FIFO was already full
     */
    public int enqueue(byte[] input) {
        if (loop() || input.length == 0) {
            return 0;
        }
        if (fifo.size() == FIFO_SIZE) {
            return -1;
        }
        int n = Math.min(FIFO_SIZE - fifo.size(), input.length);
        for (int k = 0; k < n; k++) {
            fifo.addLast(input[k]);
        }
        lsr |= LSR_DATA_READY;
        receivedDataInterrupt();
        return n;
    }

    private void enqueue(int b) {
        if (fifo.size() < FIFO_SIZE) {
            fifo.addLast((byte) b);
            lsr |= LSR_DATA_READY;
            receivedDataInterrupt();
        }
    }

    private int receive() {
        iir &= ~IIR_RDA;
        if (iir == 0) {
            iir = IIR_NONE;
        }
        Byte b = fifo.pollFirst();
        if (fifo.isEmpty()) {
            lsr &= ~LSR_DATA_READY;
        }
        return b == null ? 0 : b & 0xFF;
    }

    private void receivedDataInterrupt() {
        if ((ier & IER_RDA) != 0 && (iir & IIR_RDA) == 0) {
            addInterrupt(IIR_RDA);
        }
    }

    private void addInterrupt(int bits) {
        iir &= ~IIR_NONE;
        iir |= bits;
        interrupt.run();
    }

    private int loopbackModemStatus() {
        int m = msr & ~(MSR_DSR | MSR_CTS | MSR_RI | MSR_DCD);
        m |= (mcr & MCR_DTR) != 0 ? MSR_DSR : 0;
        m |= (mcr & MCR_RTS) != 0 ? MSR_CTS : 0;
        m |= (mcr & MCR_OUT1) != 0 ? MSR_RI : 0;
        m |= (mcr & MCR_OUT2) != 0 ? MSR_DCD : 0;
        return m;
    }

    private boolean dlab() {
        return (lcr & LCR_DLAB) != 0;
    }

    private boolean loop() {
        return (mcr & MCR_LOOP) != 0;
    }

    // ------------------------------------------------------------------ state (vm-superio SerialState)

    /** divisor low, high, IER, IIR, LCR, LSR, MCR, MSR, scratch, then the FIFO's bytes. */
    public byte[] save() {
        byte[] s = new byte[9 + fifo.size()];
        int[] regs = {divisorLow, divisorHigh, ier, iir, lcr, lsr, mcr, msr, scratch};
        for (int k = 0; k < 9; k++) {
            s[k] = (byte) regs[k];
        }
        int k = 9;
        for (byte b : fifo) {
            s[k++] = b;
        }
        return s;
    }

    public void restore(byte[] s) {
        divisorLow = s[0] & 0xFF;
        divisorHigh = s[1] & 0xFF;
        ier = s[2] & 0xFF;
        iir = s[3] & 0xFF;
        lcr = s[4] & 0xFF;
        lsr = s[5] & 0xFF;
        mcr = s[6] & 0xFF;
        msr = s[7] & 0xFF;
        scratch = s[8] & 0xFF;
        fifo.clear();
        for (int k = 9; k < s.length; k++) {
            fifo.addLast(s[k]);
        }
    }
}
