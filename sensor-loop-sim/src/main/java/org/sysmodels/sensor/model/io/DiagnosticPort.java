package org.sysmodels.sensor.model.io;

import java.util.Arrays;
import org.sysmodels.sensor.model.core.Core;

/**
 * Where firmware reports what its diagnostics found: a diagnostic trouble code and the channel it concerns, as a
 * real device writes them to a fault log or sends them to a supervisor. The port itself only carries the numbers; the
 * firmware's code list says what they mean.
 */
public final class DiagnosticPort {

    /** Reports, for checks and traces. */
    public interface Listener {
        void report(int code, int channel, long now);
    }

    private final Core core;
    private Listener[] listeners = new Listener[0];
    private long reports;

    public DiagnosticPort(Core core) {
        this.core = core;
    }

    public void addListener(Listener l) {
        listeners = Arrays.copyOf(listeners, listeners.length + 1);
        listeners[listeners.length - 1] = l;
    }

    /** Reports code {@code code} for channel {@code channel} (−1 = not channel-specific). */
    public void report(int code, int channel) {
        reports++;
        for (Listener l : listeners) {
            l.report(code, channel, core.now());
        }
    }

    public long reports() {
        return reports;
    }
}
