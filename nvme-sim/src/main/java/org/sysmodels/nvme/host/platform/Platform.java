package org.sysmodels.nvme.host.platform;

import org.sysmodels.core.sched.Action;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.nvme.model.Controller;
import org.sysmodels.nvme.model.memory.HostMemory;
import org.sysmodels.nvme.model.interrupt.InterruptSink;
import org.sysmodels.nvme.model.register.Mmio;

/**
 * Everything a driver may touch, and nothing else: the controller's BAR0 registers, host memory and its DMA
 * allocator, MSI-X vectors (a handler per vector, and the per-vector mask), a clock and timers. Write your own driver
 * against this class and the real device behaviour, status codes included, comes back.
 *
 * <p>An MSI-X message runs the vector's handler {@code interruptLatency} ns later; messages that arrive before the
 * handler has run merge into one run, as an edge-triggered vector whose handler is already pending would.
 */
public final class Platform implements InterruptSink {

    private final Controller controller;
    private final HostMemory memory;
    private final DmaAllocator allocator;
    private final Scheduler scheduler;
    private final Tracer tracer;
    private final long interruptLatency;
    private final Action[] handlers;
    private final boolean[] scheduled;
    private final Action deliver;
    private int hardirq;

    public Platform(Controller controller, HostMemory memory, DmaAllocator allocator, Scheduler scheduler,
                    Tracer tracer, long interruptLatency) {
        this.controller = controller;
        this.memory = memory;
        this.allocator = allocator;
        this.scheduler = scheduler;
        this.tracer = tracer;
        this.interruptLatency = interruptLatency;
        int vectors = controller.configuration().msixVectors();
        this.handlers = new Action[vectors];
        this.scheduled = new boolean[vectors];
        this.deliver = v -> {
            scheduled[(int) v] = false;
            Action h = handlers[(int) v];
            if (h != null) {
                hardirq++;
                h.run(v);
                hardirq--;   // not in a finally: a handler that throws leaves it raised, so the run knows where
            }
        };
        controller.connect(this);
    }

    /** The controller itself, for {@link RawHost} wrapping this platform (a driver sees only {@link #bar0()}). */
    Controller controller() {
        return controller;
    }

    /** BAR0: the controller's registers and doorbells. */
    public Mmio bar0() {
        return controller;
    }

    public HostMemory memory() {
        return memory;
    }

    public DmaAllocator allocator() {
        return allocator;
    }

    public long now() {
        return scheduler.now();
    }

    /** Runs {@code action.run(arg)} after {@code delay} ns. @return a handle for {@link #cancel(long)} */
    public long after(long delay, Action action, long arg) {
        return scheduler.after(delay, action, arg);
    }

    public boolean cancel(long handle) {
        return scheduler.cancel(handle);
    }

    public Tracer tracer() {
        return tracer;
    }

    /** Number of MSI-X vectors the device exposes. */
    public int vectors() {
        return handlers.length;
    }

    /**
     * Linux's in_interrupt() for the driver's code: true while a vector's handler runs (hard-IRQ context), and after
     * a handler threw (the fault happened there). Timers and blk-mq's calls run in process context.
     */
    public boolean inInterrupt() {
        return hardirq > 0;
    }

    /** Installs the handler of an MSI-X vector (request_irq); it gets the vector number. */
    public void onInterrupt(int vector, Action handler) {
        handlers[vector] = handler;
    }

    /** Sets or clears the vector's MSI-X Per-Vector Mask bit. */
    public void maskVector(int vector, boolean masked) {
        controller.maskVector(vector, masked);
    }

    /** The simulation's scheduler, for the block layer and the workload that run on the same clock. */
    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public void raise(int vector) {
        if (vector < 0 || vector >= handlers.length || scheduled[vector]) {
            return;
        }
        scheduled[vector] = true;
        scheduler.after(interruptLatency, deliver, vector);
    }
}
