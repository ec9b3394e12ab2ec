package org.sysmodels.sensor.host.safety;

/**
 * Plausibility checks on one sensor channel (IEC 61508-2 Annex C: "continuous monitoring of an analogue signal, for
 * example to detect out of range values"; Table A.13 ideas for sensors): range, rate of change, frozen raw data
 * (a live 20-bit ADC never repeats itself for long: its noise moves the low bits) and staleness (no good read for too
 * long). A sample that fails range or rate is discarded and the last good value is kept. A sample that jumps from
 * the previous fresh sample by more than the process can move in between is suspect even when it lands near the
 * last good value (a noisy channel does both). A channel with three discarded or suspect samples among its last
 * eight (an intermittent fault as much as a lasting one), a frozen or a stale channel is failed for good (until
 * reset).
 *
 * <p>Why both: the rate limit is measured from the last good value, so it widens while samples are discarded, and a
 * noisy channel then gets an occasional sample accepted, which clears a discard from the window. Counting jumps as
 * well makes three marks in eight samples near certain for noise of 1 °C RMS (a miss about once in 10⁵–10⁶ with a
 * sample every 6 ms), so a noisy channel is out within eight samples (≈ 50 ms), inside a 100 ms FTTI.
 */
public class ChannelMonitor {

    protected final SafetyParameters p;
    private long lastRaw = Long.MIN_VALUE;
    private long rawChangedAt;
    private int lastSample;
    private long lastSampleAt;
    private boolean hasSample;
    private long lastFreshAt;
    private int accepted;
    private long acceptedAt;
    private boolean hasAccepted;
    /** The last eight samples, a bit set for each discarded one. */
    private int recent;
    private boolean failed;
    private Dtc finding;

    public ChannelMonitor(SafetyParameters p, long now) {
        this.p = p;
        this.rawChangedAt = now;
        this.lastFreshAt = now;
    }

    /** A read at {@code now} gave {@code centiC} from raw data {@code raw}: what the monitor makes of it. */
    public ChannelVerdict check(long now, int centiC, long raw) {
        if (failed) {
            return ChannelVerdict.FAILED;
        }
        lastFreshAt = now;
        if (raw == lastRaw) {
            if (now - rawChangedAt > p.frozenUs() * 1000L) {
                return fail(Dtc.SENSOR_FROZEN);
            }
            return ChannelVerdict.SAME;
        }
        lastRaw = raw;
        rawChangedAt = now;
        boolean jumped = hasSample && Math.abs(centiC - lastSample) > allowedChange(now - lastSampleAt);
        lastSample = centiC;
        lastSampleAt = now;
        hasSample = true;
        if (centiC < p.minCentiC() || centiC > p.maxCentiC()) {
            return reject(Dtc.SENSOR_RANGE);
        }
        if (hasAccepted && Math.abs(centiC - accepted) > allowedChange(now - acceptedAt)) {
            return reject(Dtc.SENSOR_RATE);
        }
        if (jumped) {
            return suspect(now, centiC);
        }
        return accept(now, centiC);
    }

    /** The most the process can move in {@code ns}, plus the noise allowance (0.01 °C). */
    private long allowedChange(long ns) {
        return p.rateMarginCentiC() + p.rateCentiCPerS() * ns / 1_000_000_000L;
    }

    /** Takes a sample that is plausible against the last good value but jumped from the previous sample. */
    private ChannelVerdict suspect(long now, int centiC) {
        accept(now, centiC);
        recent |= 1;
        if (Integer.bitCount(recent) >= 3) {
            return fail(Dtc.SENSOR_NOISY);
        }
        return ChannelVerdict.NEW;
    }

    /** Takes {@code centiC} as the channel's new good value. */
    protected final ChannelVerdict accept(long now, int centiC) {
        lastFreshAt = now;
        accepted = centiC;
        acceptedAt = now;
        hasAccepted = true;
        recent = (recent << 1) & 0xFF;
        return ChannelVerdict.NEW;
    }

    /** A read at {@code now} failed on the bus: {@link ChannelVerdict#SAME}, or FAILED once the channel is stale. */
    public ChannelVerdict missed(long now) {
        if (failed) {
            return ChannelVerdict.FAILED;
        }
        if (now - lastFreshAt > p.staleUs() * 1000L) {
            return fail(Dtc.SENSOR_STALE);
        }
        return ChannelVerdict.SAME;
    }

    /** The channel failed at start-up (no answer, wrong chip id). */
    public void failInit() {
        fail(Dtc.SENSOR_ID);
    }

    private ChannelVerdict reject(Dtc why) {
        finding = why;
        recent = (recent << 1 | 1) & 0xFF;
        if (Integer.bitCount(recent) >= 3) {
            return fail(why == Dtc.SENSOR_RATE ? Dtc.SENSOR_NOISY : why);
        }
        return ChannelVerdict.DISCARDED;
    }

    protected ChannelVerdict fail(Dtc why) {
        failed = true;
        finding = why;
        return ChannelVerdict.FAILED;
    }

    /** The last accepted temperature (0.01 °C). */
    public int value() {
        return accepted;
    }

    public boolean hasValue() {
        return hasAccepted;
    }

    public boolean failed() {
        return failed;
    }

    /** What the last {@link ChannelVerdict#DISCARDED} or {@link ChannelVerdict#FAILED} verdict was about. */
    public Dtc finding() {
        return finding;
    }
}
