package org.sysmodels.sensor.host.labs;

import org.sysmodels.sensor.host.reference.SafetyFirmware;
import org.sysmodels.sensor.model.Mcu;

/**
 * Bug lab: the watchdogs are refreshed from the SysTick interrupt instead of the main loop. SysTick keeps firing when
 * the main loop hangs, so the watchdogs are fed forever and the hang goes unnoticed, with the actuator left as it was.
 */
public final class WatchdogInSysTick extends SafetyFirmware {

    @Override
    public void sysTick(Mcu m) {
        super.sysTick(m);
        if (function != null) {
            super.kickWindowWatchdog();
            super.kickIndependentWatchdog();
        }
    }

    @Override
    protected void kickWindowWatchdog() {
        // the loop no longer refreshes the watchdogs: the timer interrupt does
    }

    @Override
    protected void kickIndependentWatchdog() {
        if (function == null) {
            super.kickIndependentWatchdog();    // during start-up, before SysTick runs
        }
    }
}
