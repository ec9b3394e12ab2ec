package org.sysmodels.sensor.model.core;

/**
 * Reset flags as STM32's RCC_CSR holds them (RM0090 §7.3.21): set by the reset that happened, kept across later
 * resets until software writes RMVF.
 */
public enum ResetCause {
    /** PORRSTF: power-on (the first boot of a run). */
    POWER_ON(1 << 27),
    /** SFTRSTF: SCB AIRCR.SYSRESETREQ. */
    SOFTWARE(1 << 28),
    /** IWDGRSTF: the independent watchdog counted to 0. */
    INDEPENDENT_WATCHDOG(1 << 29),
    /** WWDGRSTF: the window watchdog's T6 cleared, or it was refreshed outside its window. */
    WINDOW_WATCHDOG(1 << 30),
    /** LPWRRSTF: illegal Stop/Standby entry (not used by the model). */
    LOW_POWER(1 << 31);

    private final int flag;

    ResetCause(int flag) {
        this.flag = flag;
    }

    /** The RCC_CSR bit. */
    public int flag() {
        return flag;
    }

    public boolean isWatchdog() {
        return this == INDEPENDENT_WATCHDOG || this == WINDOW_WATCHDOG;
    }
}
