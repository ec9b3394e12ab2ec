package org.sysmodels.vcpu.model.devices;

/**
 * Firecracker's boot-timer pseudo device ({@code devices/pseudo/boot_timer.rs}, at the start of the aarch64 MMIO
 * region when {@code --boot-timer} is given): a one-byte write of 123 at offset 0 means "the guest has booted", and
 * the VMM logs the time since it started ("Guest-boot-time = ... us"). Other writes and all reads do nothing.
 */
public final class BootTimer implements BusDevice {

    public static final long BASE = 0x4000_0000L;
    public static final long SIZE = 0x1000;
    public static final int MAGIC_VALUE_SIGNAL_GUEST_BOOT_COMPLETE = 123;

    private volatile Runnable booted = () -> { };

    /** What to call on each magic write: the VMM records the boot time. */
    public void onBoot(Runnable r) {
        booted = r;
    }

    @Override
    public String name() {
        return "boot-timer";
    }

    @Override
    public long read(long offset, int len) {
        return 0;
    }

    @Override
    public void write(long offset, int len, long value) {
        if (len == 1 && offset == 0 && (value & 0xFF) == MAGIC_VALUE_SIGNAL_GUEST_BOOT_COMPLETE) {
            booted.run();
        }
    }
}
