package org.sysmodels.sensor.check;

import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.sensor.model.wdg.WatchdogListener;

/**
 * Without a fault, the firmware must never let a watchdog reset the MCU: a reset in a fault-free run is a timing bug
 * (a window refreshed too early or too late, a loop that overruns), and every such reset is an outage.
 */
public final class NoSpuriousReset implements LoopCheck {

    public static final Rule RULE = new Rule("no-spurious-reset",
            "with no fault present, no watchdog resets the MCU (refreshes stay inside the window watchdog's window "
                    + "and before the independent watchdog's timeout)",
            "STM32 RM0090 §21–22 (IWDG, WWDG)");

    private final Findings findings;
    private int faults;

    public NoSpuriousReset(Findings findings) {
        this.findings = findings;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void faultInjected(FaultRecord f) {
        faults++;
    }

    @Override
    public void watchdogExpired(WatchdogListener.Kind kind, String why, long now) {
        if (faults == 0) {
            findings.violation(RULE, (kind == WatchdogListener.Kind.WINDOW ? "window" : "independent")
                    + " watchdog reset with no fault injected: " + why, now, "watchdog");
        }
    }
}
