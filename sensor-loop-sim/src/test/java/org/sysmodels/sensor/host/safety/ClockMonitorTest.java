package org.sysmodels.sensor.host.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.testing.Props;

/**
 * Model-based: random sequences of samples (LSI counts and tick counts advancing by random steps, standing still,
 * jumping) give the same verdicts from {@link ClockMonitor} as from the plain reading of its rule written here
 * (a sliding window of {@link ClockMonitor#SPAN} samples, the first full window as the reference, a tolerance in
 * per mille), which divides every time.
 */
class ClockMonitorTest {

    /** The rule without any reuse of earlier verdicts. */
    static final class Reference {
        final int tolerance;
        final List<int[]> lsi = new ArrayList<>();
        final List<Long> ticks = new ArrayList<>();
        double reference = Double.NaN;

        Reference(int tolerance) {
            this.tolerance = tolerance;
        }

        boolean sample(int lsiCount, long tickCount) {
            int n = ticks.size();
            if (n > 0) {
                int dl = (lsiCount - lsi.get(n - 1)[0]) & 0xFFFF;
                long dt = tickCount - ticks.get(n - 1);
                if (dt <= 0 || dl <= 0) {
                    return dl == 0 && dt <= 0;
                }
            }
            boolean ok = true;
            if (n >= ClockMonitor.SPAN) {
                int dl = (lsiCount - lsi.get(n - ClockMonitor.SPAN)[0]) & 0xFFFF;
                long dt = tickCount - ticks.get(n - ClockMonitor.SPAN);
                double ratio = (double) dl / dt;
                if (Double.isNaN(reference)) {
                    reference = ratio;
                } else {
                    ok = Math.abs(ratio - reference) * 1000 <= tolerance * reference;
                }
            }
            lsi.add(new int[] {lsiCount});
            ticks.add(tickCount);
            return ok;
        }
    }

    @Test
    void sameVerdictsAsTheRule() {
        Props.property(500).forAll(integers().between(1, 200), lists().of(integers().between(0, 99))
                .ofSizeBetween(1, 300)).checkAssert((tolerance, steps) -> {
                    ClockMonitor m = new ClockMonitor(tolerance);
                    Reference r = new Reference(tolerance);
                    int lsi = 0;
                    long tick = 0;
                    for (int i = 0; i < steps.size(); i++) {
                        int s = steps.get(i);
                        // mostly a steady 32 counts per tick with ±1 jitter; sometimes a slow or fast clock, a
                        // standstill, a jump back of the tick count, or a wrap of the 16-bit counter
                        tick += s < 90 ? 1 : s < 93 ? 0 : s < 95 ? -1 : 3;
                        lsi += s < 80 ? 32 + s % 3 - 1 : s < 90 ? 20 + s : s < 95 ? 0 : 40_000;
                        int count = lsi & 0xFFFF;
                        assertEquals(r.sample(count, tick), m.sample(count, tick), "sample " + i + " of " + steps);
                    }
                });
    }
}
