package org.sysmodels.vcpu.model.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The 16550A as vm-superio's Serial behaves (defaults, THR, DLAB, FIFO, interrupts, IIR, loopback, state). */
class SerialTest {

    final StringBuilder out = new StringBuilder();
    final List<String> irqs = new ArrayList<>();
    final Serial s = new Serial(b -> out.append((char) b), () -> irqs.add("irq"));

    @Test
    void defaultsAndTransmit() {
        assertEquals(0x60, s.read(5, 1), "LSR: THR empty and idle");
        assertEquals(0xC1, s.read(2, 1), "IIR: no interrupt, FIFO bits");
        assertEquals(0x03, s.read(3, 1), "LCR: 8 bits");
        assertEquals(0xB0, s.read(6, 1), "MSR: DCD, DSR, CTS");
        s.write(0, 1, 'h');
        s.write(0, 1, 'i');
        assertEquals("hi", out.toString());
        assertEquals(List.of(), irqs, "no interrupt while IER is 0");
    }

    @Test
    void thrEmptyInterruptWhenEnabledAndIirClearsIt() {
        s.write(1, 1, 0x02);
        s.write(0, 1, 'x');
        assertEquals(List.of("irq"), irqs);
        assertEquals(0xC2, s.read(2, 1), "IIR says THR empty");
        assertEquals(0xC1, s.read(2, 1), "reading IIR cleared it");
    }

    @Test
    void dlabSwitchesOffsetsToTheDivisor() {
        s.write(3, 1, 0x83);
        assertEquals(0x0C, s.read(0, 1), "default divisor low: 12 (9600 baud)");
        s.write(0, 1, 1);
        s.write(1, 1, 0);
        s.write(3, 1, 0x03);
        s.write(0, 1, 'y');
        assertEquals("y", out.toString(), "DLAB off: offset 0 is THR again");
    }

    @Test
    void inputFifoAndReceiveInterrupt() {
        s.write(1, 1, 0x01);
        assertEquals(2, s.enqueue("ab".getBytes()));
        assertEquals(List.of("irq"), irqs);
        assertEquals(0x61, s.read(5, 1), "LSR: data ready");
        assertEquals('a', s.read(0, 1));
        assertEquals('b', s.read(0, 1));
        assertEquals(0x60, s.read(5, 1), "empty again");
        assertEquals(Serial.FIFO_SIZE, s.enqueue(new byte[100]), "only 64 fit");
        assertEquals(-1, s.enqueue(new byte[1]), "full");
    }

    @Test
    void stateRoundTrips() {
        s.write(7, 1, 0x5A);
        s.enqueue("q".getBytes());
        Serial t = new Serial(b -> { }, () -> { });
        t.restore(s.save());
        assertEquals(0x5A, t.read(7, 1));
        assertEquals('q', t.read(0, 1));
    }
}
