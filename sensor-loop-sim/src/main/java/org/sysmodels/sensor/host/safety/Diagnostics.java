package org.sysmodels.sensor.host.safety;

import org.sysmodels.sensor.model.io.DiagnosticPort;

/**
 * Reports {@link Dtc}s on the MCU's diagnostic port, once per episode: a code stays latched for its channel until
 * {@link #clear} (a condition that holds for a thousand cycles is one report, not a thousand).
 */
public final class Diagnostics {

    private final DiagnosticPort port;
    private final long[] latched = new long[4];

    public Diagnostics(DiagnosticPort port) {
        this.port = port;
    }

    /** Reports {@code dtc} for {@code channel} (−1 = the whole function) unless it is already latched. */
    public void report(Dtc dtc, int channel) {
        int slot = channel + 1;
        long bit = 1L << dtc.ordinal();
        if ((latched[slot] & bit) != 0) {
            return;
        }
        latched[slot] |= bit;
        port.report(dtc.code(), channel);
    }

    /** The condition behind {@code dtc} is gone: the next occurrence is reported again. */
    public void clear(Dtc dtc, int channel) {
        latched[channel + 1] &= ~(1L << dtc.ordinal());
    }
}
