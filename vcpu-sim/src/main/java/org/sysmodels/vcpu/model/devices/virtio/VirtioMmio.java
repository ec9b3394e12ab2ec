package org.sysmodels.vcpu.model.devices.virtio;

import java.util.concurrent.atomic.AtomicInteger;
import org.sysmodels.vcpu.model.devices.BusDevice;
import org.sysmodels.vcpu.model.memory.GuestMemory;

/**
 * The virtio-mmio transport, version 2 (virtio 1.2 §4.2.2 register layout), with Firecracker's rules
 * ({@code devices/virtio/transport/mmio.rs}): registers are 32-bit; the device status moves only along ACKNOWLEDGE →
 * DRIVER → FEATURES_OK → DRIVER_OK (any other write is ignored with a warning, FAILED can always be set, 0 resets);
 * features can be acknowledged only in DRIVER before FEATURES_OK; queue registers can be written only in FEATURES_OK
 * before DRIVER_OK; feature page 1 always offers VIRTIO_F_VERSION_1; reaching DRIVER_OK activates the device.
 * QueueNotify (0x50) is not handled here: Firecracker registers it as an ioeventfd, so KVM signals the queue's
 * eventfd without an exit.
 */
public final class VirtioMmio implements BusDevice {

    public static final long SIZE = 0x1000;
    public static final int MAGIC_VALUE = 0x7472_6976; // "virt"
    public static final int VERSION = 2;
    public static final int VENDOR_ID = 0;
    public static final long QUEUE_NOTIFY = 0x50;

    public static final int STATUS_ACKNOWLEDGE = 1;
    public static final int STATUS_DRIVER = 2;
    public static final int STATUS_DRIVER_OK = 4;
    public static final int STATUS_FEATURES_OK = 8;
    public static final int STATUS_DEVICE_NEEDS_RESET = 64;
    public static final int STATUS_FAILED = 128;

    /** Interrupt status bits: a used buffer (VIRTIO_MMIO_INT_VRING), a configuration change. */
    public static final int INT_VRING = 1;
    public static final int INT_CONFIG = 2;

    private final VirtioDevice device;
    private final GuestMemory mem;
    private final Runnable irq;
    private final AtomicInteger interruptStatus = new AtomicInteger();
    private int featuresSelect;
    private int ackedFeaturesSelect;
    private int queueSelect;
    private int deviceStatus;
    private int configGeneration;
    private String lastWarning = "";

    /** @param irq raises the device's interrupt line (an irqfd write) */
    public VirtioMmio(VirtioDevice device, GuestMemory mem, Runnable irq) {
        this.device = device;
        this.mem = mem;
        this.irq = irq;
    }

    public VirtioDevice device() {
        return device;
    }

    @Override
    public String name() {
        return device.name();
    }

    public int deviceStatus() {
        return deviceStatus;
    }

    /** The last warning the transport logged (an invalid status transition, a write in the wrong state). */
    public String lastWarning() {
        return lastWarning;
    }

    /** The device used buffers: set VRING in the interrupt status and raise the line. */
    public void signalUsedBuffers() {
        interruptStatus.getAndUpdate(s -> s | INT_VRING);
        irq.run();
    }

    /**
     * The device's configuration changed: set CONFIG in the interrupt status and raise the line (Firecracker
     * {@code transport/mmio.rs} {@code IrqTrigger::trigger(VirtioInterruptType::Config)}; the config generation is
     * left as it is, as there).
     */
    public void signalConfigChange() {
        interruptStatus.getAndUpdate(s -> s | INT_CONFIG);
        irq.run();
    }

    public int interruptStatus() {
        return interruptStatus.get();
    }

    @Override
    public long read(long offset, int len) {
        if (offset >= 0x100) {
            return device.readConfig(offset - 0x100, len);
        }
        if (len != 4) {
            warn(String.format("invalid virtio mmio read: 0x%x:%d", offset, len));
            return 0;
        }
        return switch ((int) offset) {
            case 0x00 -> MAGIC_VALUE;
            case 0x04 -> VERSION;
            case 0x08 -> device.deviceType();
            case 0x0c -> VENDOR_ID;
            case 0x10 -> {
                long f = device.availFeatures() >>> (32 * Math.min(featuresSelect, 1));
                int page = featuresSelect > 1 ? 0 : (int) f;
                yield (featuresSelect == 1 ? page | 1 : page) & 0xFFFF_FFFFL;
            }
            case 0x34 -> queue() == null ? 0 : queue().maxSize;
            case 0x44 -> queue() == null ? 0 : queue().ready ? 1 : 0;
            case 0x60 -> interruptStatus.get();
            case 0x70 -> deviceStatus;
            case 0xfc -> configGeneration;
            default -> {
                warn(String.format("unknown virtio mmio register read: 0x%x", offset));
                yield 0;
            }
        };
    }

    @Override
    public void write(long offset, int len, long value) {
        if (offset >= 0x100) {
            warn("the device configuration space is read-only here");
            return;
        }
        if (len != 4) {
            warn(String.format("invalid virtio mmio write: 0x%x:%d", offset, len));
            return;
        }
        int v = (int) value;
        switch ((int) offset) {
            case 0x14 -> featuresSelect = v;
            case 0x20 -> {
                if (status(STATUS_DRIVER, STATUS_FEATURES_OK | STATUS_FAILED | STATUS_DEVICE_NEEDS_RESET)) {
                    device.ackFeatures(ackedFeaturesSelect, v);
                } else {
                    warn(String.format("ack virtio features in invalid state 0x%x", deviceStatus));
                }
            }
            case 0x24 -> ackedFeaturesSelect = v;
            case 0x30 -> queueSelect = v;
            case 0x38 -> queueField(q -> q.size = v & 0xFFFF);
            case 0x44 -> queueField(q -> q.ready = v == 1);
            case 0x64 -> {
                if (status(STATUS_DRIVER_OK, 0)) {
                    interruptStatus.getAndUpdate(s -> s & ~v);
                }
            }
            case 0x70 -> setDeviceStatus(v);
            case 0x80 -> queueField(q -> q.descTable = low(q.descTable, v));
            case 0x84 -> queueField(q -> q.descTable = high(q.descTable, v));
            case 0x90 -> queueField(q -> q.availRing = low(q.availRing, v));
            case 0x94 -> queueField(q -> q.availRing = high(q.availRing, v));
            case 0xa0 -> queueField(q -> q.usedRing = low(q.usedRing, v));
            case 0xa4 -> queueField(q -> q.usedRing = high(q.usedRing, v));
            default -> warn(String.format("unknown virtio mmio register write: 0x%x", offset));
        }
    }

    private static long low(long addr, int v) {
        return (addr & ~0xFFFF_FFFFL) | (v & 0xFFFF_FFFFL);
    }

    private static long high(long addr, int v) {
        return (addr & 0xFFFF_FFFFL) | ((long) v << 32);
    }

    private Virtqueue queue() {
        Virtqueue[] qs = device.queues();
        return queueSelect >= 0 && queueSelect < qs.length ? qs[queueSelect] : null;
    }

    private void queueField(java.util.function.Consumer<Virtqueue> f) {
        if (status(STATUS_FEATURES_OK, STATUS_DRIVER_OK | STATUS_FAILED)) {
            Virtqueue q = queue();
            if (q != null) {
                f.accept(q);
            }
        } else {
            warn(String.format("update virtio queue in invalid state 0x%x", deviceStatus));
        }
    }

    /** All of {@code set} set and none of {@code clear}. */
    private boolean status(int set, int clear) {
        return (deviceStatus & set) == set && (deviceStatus & clear) == 0;
    }

    private void setDeviceStatus(int status) {
        int ackDriver = STATUS_ACKNOWLEDGE | STATUS_DRIVER;
        if ((status & STATUS_FAILED) != 0) {
            deviceStatus |= STATUS_FAILED;
        } else if (status == 0) {
            if (deviceStatus != 0) {
                if (device.reset()) {
                    featuresSelect = 0;
                    ackedFeaturesSelect = 0;
                    queueSelect = 0;
                    interruptStatus.set(0);
                    deviceStatus = 0;
                } else {
                    deviceStatus |= STATUS_FAILED;
                }
            }
        } else if ((deviceStatus == 0 && status == STATUS_ACKNOWLEDGE)
                || (deviceStatus == STATUS_ACKNOWLEDGE && status == ackDriver)
                || (deviceStatus == ackDriver && status == (ackDriver | STATUS_FEATURES_OK))
                || (deviceStatus == (ackDriver | STATUS_FEATURES_OK)
                && status == (ackDriver | STATUS_FEATURES_OK | STATUS_DRIVER_OK))) {
            deviceStatus = status;
            if ((status & STATUS_DRIVER_OK) != 0 && !device.isActivated() && !device.activate(mem)) {
                deviceStatus |= STATUS_DEVICE_NEEDS_RESET;
                configGeneration++;
                interruptStatus.getAndUpdate(s -> s | INT_CONFIG);
                irq.run();
                warn("failed to activate virtio device: a queue is not valid");
            }
        } else {
            warn(String.format("invalid virtio driver status transition: 0x%x -> 0x%x", deviceStatus, status));
        }
    }

    private void warn(String message) {
        lastWarning = message;
    }

    /** Transport registers: status, selects, interrupt status, config generation. */
    public int[] save() {
        return new int[] {deviceStatus, featuresSelect, ackedFeaturesSelect, queueSelect, interruptStatus.get(),
                configGeneration};
    }

    public void restore(int[] s) {
        deviceStatus = s[0];
        featuresSelect = s[1];
        ackedFeaturesSelect = s[2];
        queueSelect = s[3];
        interruptStatus.set(s[4]);
        configGeneration = s[5];
    }
}
