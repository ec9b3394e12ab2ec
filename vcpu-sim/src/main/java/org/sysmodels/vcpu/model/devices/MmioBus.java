package org.sysmodels.vcpu.model.devices;

import java.util.ArrayList;
import java.util.List;

/**
 * The VMM's MMIO bus (Firecracker's {@code vstate/bus.rs}): address ranges, each with its device. The vCPU thread that
 * took a KVM_EXIT_MMIO looks the address up and calls the device with the device's lock held (each device sits in an
 * {@code Arc<Mutex<..>>} there), so two vCPUs never run one device's code at once. An address no device claims is an
 * error the caller logs; the guest's read then sees zeros.
 */
public final class MmioBus {

    /** One device's range. */
    public record Range(long base, long length, BusDevice device) {
        boolean contains(long addr, int len) {
            return addr >= base && addr + len <= base + length;
        }
    }

    private final List<Range> ranges = new ArrayList<>();
    private Range[] lookup = new Range[0];

    /** Adds {@code device} at [base, base + length); ranges may not overlap. */
    public void insert(BusDevice device, long base, long length) {
        for (Range r : ranges) {
            if (base < r.base() + r.length() && r.base() < base + length) {
                throw new IllegalArgumentException(String.format("%s at 0x%x overlaps %s at 0x%x", device.name(),
                        base, r.device().name(), r.base()));
            }
        }
        ranges.add(new Range(base, length, device));
        lookup = ranges.toArray(Range[]::new);
    }

    public List<Range> ranges() {
        return List.copyOf(ranges);
    }

    /** The range holding [addr, addr + len), or null. */
    public Range find(long addr, int len) {
        for (Range r : lookup) {
            if (r.contains(addr, len)) {
                return r;
            }
        }
        return null;
    }

    /** Reads {@code len} bytes at {@code addr} from the device of range {@code r}, holding the device's lock. */
    public static long read(Range r, long addr, int len) {
        BusDevice d = r.device();
        synchronized (d) {
            return d.read(addr - r.base(), len);
        }
    }

    /** Writes {@code len} bytes at {@code addr} to the device of range {@code r}, holding the device's lock. */
    public static void write(Range r, long addr, int len, long value) {
        BusDevice d = r.device();
        synchronized (d) {
            d.write(addr - r.base(), len, value);
        }
    }
}
