package org.sysmodels.sensor.host.safety;

import org.sysmodels.sensor.model.core.Lsi;
import org.sysmodels.sensor.model.wdg.Iwdg;

/**
 * Register values that fit the watchdogs to a loop period. The window watchdog gets a timeout of about four
 * periods and a window that opens after about 40 % of one, so a loop that comes back too early, or stops, resets the
 * MCU within a few periods (a single late cycle is the firmware's own deadline check's to catch). The independent watchdog gets a generous timeout computed with the LSI's slowest plausible frequency
 * being nominal, since the firmware cannot know its part's LSI.
 */
public final class WatchdogSetup {

    /** WWDG settings: WWDG_CR T[6:0], WWDG_CFR W[6:0] and WDGTB. */
    public record Window(int counter, int window, int timerBase, long tickNs) {
    }

    private WatchdogSetup() {
    }

    /** WWDG values for a loop of {@code periodNs} on a {@code pclkHz} clock. */
    public static Window window(long pclkHz, long periodNs) {
        for (int tb = 0; tb <= 3; tb++) {
            long tick = Math.round((4096L << tb) * 1e9 / pclkHz);
            long counts = (4 * periodNs + tick - 1) / tick;
            if (counts <= 63) {
                int t = 0x3F + (int) Math.max(2, counts);
                int closed = (int) Math.max(1, (periodNs * 4 / 10) / tick);
                return new Window(t, t - closed, tb, tick);
            }
        }
        throw new IllegalArgumentException("a loop period of " + periodNs + " ns is too long for the window "
                + "watchdog at " + pclkHz + " Hz");
    }

    /** IWDG PR and RLR for at least {@code timeoutNs} at the nominal LSI frequency. */
    public static int[] independent(Lsi lsi, long timeoutNs) {
        for (int pr = 0; pr <= 6; pr++) {
            long rl = (long) Math.ceil(timeoutNs * lsi.nominalHz() / 1e9 / Iwdg.divider(pr)) - 1;
            if (rl <= 0xFFF) {
                return new int[] {pr, (int) Math.max(0, rl)};
            }
        }
        return new int[] {6, 0xFFF};
    }
}
