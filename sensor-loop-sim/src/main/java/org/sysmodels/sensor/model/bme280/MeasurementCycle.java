package org.sysmodels.sensor.model.bme280;

/**
 * The BME280's power modes as a state machine (BST-BME280-DS001 §3.3, Figure 3): sleep does nothing; forced makes
 * one measurement and goes back to sleep; normal alternates a measurement and t_standby for ever.
 *
 * <pre>
 *   Sleep  ---- ctrl_meas mode 01/10 ---->  Forced ---- measurement ends ----> Sleep
 *   Sleep  ---- ctrl_meas mode 11 ------->  Normal ---- measurement ends ----> Normal (standby, measure again)
 *   any    ---- ctrl_meas (after the running measurement ends) ----> the mode written
 * </pre>
 *
 * Each state says when its running measurement ends and when it next has work, so the device can answer byte reads
 * without computing anything in between.
 */
sealed interface MeasurementCycle {

    /** Receives each finished measurement, at the time it finished. */
    interface Sink {
        void measured(long at);
    }

    /** The mode bits ctrl_meas reads back: 00 sleep, 01 forced (the written 01 or 10), 11 normal. */
    int modeBits();

    /** Delivers every measurement that has ended by {@code now}, oldest first; returns the next state. */
    MeasurementCycle advance(long now, Sink sink);

    /** End of the measurement running at {@code now}, or {@code now} if none runs. */
    long measuringUntil(long now);

    /** The next time {@link #advance} will have work. */
    long nextChange();

    /** The state for ctrl_meas mode bits {@code mode}, written (or taking effect) at {@code at}. */
    static MeasurementCycle start(int mode, long at, long measureNs, long standbyNs) {
        return switch (mode & 3) {
            case 0 -> Sleep.SLEEP;
            case 3 -> new Normal(at, measureNs, measureNs + standbyNs);
            default -> new Forced(at + measureNs);
        };
    }

    /** Sleep mode: no measurements; the data registers keep what they hold. */
    enum Sleep implements MeasurementCycle {
        SLEEP;

        @Override
        public int modeBits() {
            return 0;
        }

        @Override
        public MeasurementCycle advance(long now, Sink sink) {
            return this;
        }

        @Override
        public long measuringUntil(long now) {
            return now;
        }

        @Override
        public long nextChange() {
            return Long.MAX_VALUE;
        }
    }

    /** Forced mode: one measurement ending at {@code end}. */
    record Forced(long end) implements MeasurementCycle {
        @Override
        public int modeBits() {
            return 1;
        }

        @Override
        public MeasurementCycle advance(long now, Sink sink) {
            if (now < end) {
                return this;
            }
            sink.measured(end);
            return Sleep.SLEEP;    // Forced ---- measurement ends ----> Sleep
        }

        @Override
        public long measuringUntil(long now) {
            return now < end ? end : now;
        }

        @Override
        public long nextChange() {
            return end;
        }
    }

    /**
     * Normal mode from {@code start}: measurement k runs from start + k·period and ends measureNs later. The count of
     * measurements delivered is the only thing that changes, so it is kept in a field rather than in a new state.
     */
    final class Normal implements MeasurementCycle {
        private final long start;
        private final long measureNs;
        private final long periodNs;
        private long done;

        Normal(long start, long measureNs, long periodNs) {
            this.start = start;
            this.measureNs = measureNs;
            this.periodNs = periodNs;
        }

        @Override
        public int modeBits() {
            return 3;
        }

        @Override
        public MeasurementCycle advance(long now, Sink sink) {
            long first = start + measureNs;
            if (now >= first) {
                long count = (now - first) / periodNs + 1;
                for (long k = done; k < count; k++) {
                    sink.measured(start + k * periodNs + measureNs);
                }
                done = count;
            }
            return this;    // Normal ---- measurement ends ----> Normal
        }

        @Override
        public long measuringUntil(long now) {
            long into = (now - start) % periodNs;
            return into < measureNs ? now - into + measureNs : now;
        }

        @Override
        public long nextChange() {
            return start + done * periodNs + measureNs;
        }
    }
}
