package org.sysmodels.vcpu.model.vmm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntConsumer;
import org.sysmodels.vcpu.model.devices.Serial;
import org.sysmodels.vcpu.model.os.Clock;

/**
 * The serial console's output (Firecracker writes it to its stdout), kept for the run's report, with the time of the
 * first byte (what the creation-rate experiment waits for). Written by whichever vCPU thread holds the UART's lock.
 */
public final class ConsoleLog implements Serial.Output {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Clock clock;
    private final IntConsumer tee;
    private volatile long firstByteAt = -1;

    /** @param tee also gets every byte (e.g. the terminal of `sim vcpu serve`), or null */
    public ConsoleLog(Clock clock, IntConsumer tee) {
        this.clock = clock;
        this.tee = tee;
    }

    @Override
    public synchronized void byteOut(int b) {
        if (firstByteAt < 0) {
            firstByteAt = clock.nanoTime();
        }
        bytes.write(b);
        if (tee != null) {
            tee.accept(b);
        }
    }

    /** Everything written so far, as text. */
    public synchronized String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    public synchronized int size() {
        return bytes.size();
    }

    /** When the first byte came out (clock ns), or -1. */
    public long firstByteAt() {
        return firstByteAt;
    }

    /** Restores the output a snapshot's run had printed (so a restored run's log reads as one). */
    public synchronized void prefill(String text) {
        bytes.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
