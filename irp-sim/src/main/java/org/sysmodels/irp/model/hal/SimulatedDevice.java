package org.sysmodels.irp.model.hal;

import org.sysmodels.core.random.Distribution;
import org.sysmodels.core.random.RandomStream;
import org.sysmodels.core.sched.Action;
import org.sysmodels.irp.model.io.Kernel;
import org.sysmodels.irp.model.ke.KInterrupt;

/**
 * A simple storage controller as a driver sees it: it accepts up to {@code channels} transfers at once (each with a
 * tag the driver chooses), finishes each after a latency drawn from a distribution, puts the tag in its done FIFO and
 * asserts its interrupt (level-triggered: one request to the processor until the ISR acknowledges it). Interrupts go
 * to the processors round robin, as interrupt steering spreads them.
 */
public final class SimulatedDevice {

    private final Kernel kernel;
    private final String name;
    private final Distribution latency;
    private final RandomStream random;
    private final int channels;
    private final long[] done;
    private final Action finishAction = this::finishTransfer;
    private KInterrupt interrupt;
    private int inFlight;
    private int doneHead;
    private int doneCount;
    private boolean asserted;
    private int nextCpu;
    private long transfers;

    public SimulatedDevice(Kernel kernel, String name, Distribution latency, RandomStream random, int channels) {
        if (channels < 1) {
            throw new IllegalArgumentException("a device has at least one channel");
        }
        this.kernel = kernel;
        this.name = name;
        this.latency = latency;
        this.random = random;
        this.channels = channels;
        this.done = new long[channels];
    }

    public String name() {
        return name;
    }

    /** Routes the device's interrupt line to {@code i} (what IoConnectInterrupt sets up). */
    public void connect(KInterrupt i) {
        interrupt = i;
    }

    public int channels() {
        return channels;
    }

    /** Transfers started and not finished. */
    public int inFlight() {
        return inFlight;
    }

    public boolean canStart() {
        return inFlight < channels;
    }

    /** Starts a transfer; it finishes after the device's latency. */
    public void start(long tag) {
        if (!canStart()) {
            throw new IllegalStateException(name + ": all " + channels + " channels are busy");
        }
        inFlight++;
        transfers++;
        kernel.scheduler().at(kernel.now() + latency.sample(random), finishAction, tag);
    }

    private void finishTransfer(long tag) {
        done[(doneHead + doneCount) % done.length] = tag;
        doneCount++;
        if (!asserted && interrupt != null) {
            asserted = true;
            kernel.requestInterrupt(interrupt, nextCpu);
            nextCpu = (nextCpu + 1) % kernel.processorCount();
        }
    }

    /** The ISR's acknowledge: deasserts the line. @return true if the device had interrupted */
    public boolean acknowledge() {
        boolean was = asserted;
        asserted = false;
        return was;
    }

    /** Whether a finished transfer waits in the done FIFO. */
    public boolean hasDone() {
        return doneCount > 0;
    }

    /** Takes the oldest finished transfer's tag. */
    public long takeDone() {
        if (doneCount == 0) {
            throw new IllegalStateException(name + ": no finished transfer");
        }
        long tag = done[doneHead];
        doneHead = (doneHead + 1) % done.length;
        doneCount--;
        inFlight--;
        return tag;
    }

    public long transfers() {
        return transfers;
    }
}
