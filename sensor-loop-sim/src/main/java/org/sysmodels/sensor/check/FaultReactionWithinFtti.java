package org.sysmodels.sensor.check;

import java.util.ArrayList;
import java.util.List;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.core.time.SimTime;
import org.sysmodels.sensor.host.safety.Dtc;
import org.sysmodels.sensor.host.safety.Reaction;
import org.sysmodels.sensor.model.core.ResetCause;

/**
 * Every injected fault that affects the safety function must be detected and handled within the fault tolerant time
 * interval. Detection is the firmware's first diagnostic report about it, a bus clear on its bus, or a watchdog
 * reset; handling is a reaction its class accepts ({@link FaultClass#handledBy()}), the actuator de-energised, or a
 * reset (which de-energises it). Each fault is judged when its FTTI has passed, or at the end of the run.
 */
public final class FaultReactionWithinFtti implements LoopCheck {

    public static final Rule RULE = new Rule("fault-reaction-within-ftti",
            "a fault that affects the safety function is detected and the system reaches a safe condition within the"
                    + " fault tolerant time interval (detection time + reaction time ≤ FTTI)",
            "ISO 26262-1:2018 (FTTI, FDTI, FRTI); IEC 61508-2:2010 Annex C (diagnostic coverage)");

    private final long ftti;
    private final int[] busOfChannel;
    private final Findings findings;
    private final List<FaultRecord> records = new ArrayList<>();
    private final List<FaultRecord> open = new ArrayList<>();
    private boolean actuatorOn;

    /** @param busOfChannel the I2C bus of each sensor channel, to relate bus faults and channel reports */
    public FaultReactionWithinFtti(long fttiNs, int[] busOfChannel, Findings findings) {
        this.ftti = fttiNs;
        this.busOfChannel = busOfChannel.clone();
        this.findings = findings;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    public long ftti() {
        return ftti;
    }

    /** Every fault injected so far, judged or not. */
    public List<FaultRecord> records() {
        return List.copyOf(records);
    }

    @Override
    public void faultInjected(FaultRecord f) {
        records.add(f);
        open.add(f);
        if (!actuatorOn) {
            f.handled(f.injectedAt(), "actuator already de-energised");
        }
    }

    @Override
    public void diagnostic(int code, int channel, long now) {
        judgeUntil(now);
        Dtc dtc = Dtc.of(code);
        if (dtc == null) {
            return;
        }
        for (FaultRecord f : open) {
            if (!concerns(f, channel)) {
                continue;
            }
            f.detected(now, dtc.name() + (channel >= 0 ? " ch" + channel : ""));
            Reaction r = dtc.reaction();
            boolean specific = r == Reaction.EXCLUDED || r == Reaction.DISCARDED;
            if (f.faultClass().handledBy().contains(r) && (!specific || onChannel(f, channel))) {
                f.handled(now, dtc.name());
            }
        }
    }

    /** An unchanged write changes nothing here (the level it records is the level it had). */
    @Override
    public boolean seesUnchangedWrites() {
        return false;
    }

    @Override
    public void actuator(boolean on, boolean changed, long now) {
        if (changed) {
            judgeUntil(now);
        }
        actuatorOn = on;
        if (!on && changed) {
            for (FaultRecord f : open) {
                f.handled(now, "actuator de-energised");
            }
        }
    }

    @Override
    public void reset(ResetCause cause, long now) {
        judgeUntil(now);
        actuatorOn = false;
        for (FaultRecord f : open) {
            f.detected(now, cause.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " reset");
            f.handled(now, "reset");
        }
    }

    @Override
    public void busClear(int bus, int clocks, boolean released, long start, long end) {
        judgeUntil(start);
        for (FaultRecord f : open) {
            if (f.bus() == bus || (f.channel() >= 0 && busOfChannel[f.channel()] == bus)) {
                f.detected(start, "bus clear on I2C" + bus);
                if (released && f.faultClass().handledBy().contains(Reaction.RECOVERED)) {
                    f.handled(end, "bus clear released SDA after " + clocks + " clock" + (clocks == 1 ? "" : "s"));
                }
            }
        }
    }

    /** A hang injected into an interrupt handler matters once that handler runs and hangs (it may never run). */
    @Override
    public void hung(int exc, long now) {
        for (FaultRecord f : open) {
            if (f.faultClass() == FaultClass.MAIN_LOOP_HANG) {
                f.becameEffective(now);
            }
        }
    }

    /** An overrun task that misses its deadline makes a task-overrun fault matter from that deadline on. */
    @Override
    public void taskCompleted(String task, long release, long end, long bound, long deadline) {
        if (end - release <= deadline) {
            return;
        }
        for (FaultRecord f : open) {
            if (f.faultClass() == FaultClass.TASK_OVERRUN && f.injectedAt() <= end) {
                f.becameEffective(Math.max(f.injectedAt(), release + deadline));
            }
        }
    }

    @Override
    public void finish(long now, Findings ignored) {
        judgeUntil(now);
        for (FaultRecord f : open) {
            if (f.effectiveAt() == FaultRecord.NEVER) {
                f.judge(Outcome.NO_EFFECT);
            } else if (f.handledAt() >= 0) {
                f.judge(f.detectedAt() >= 0 ? Outcome.DETECTED : Outcome.SAFE_TRIP);
            } else {
                f.judge(Outcome.OPEN);
            }
        }
        open.clear();
    }

    /** Judges every open fault whose FTTI ended by {@code now}. */
    private void judgeUntil(long now) {
        for (int i = open.size() - 1; i >= 0; i--) {
            FaultRecord f = open.get(i);
            long effective = f.effectiveAt();
            if (effective == FaultRecord.NEVER || effective > now - ftti) {
                continue;
            }
            long deadline = effective + ftti;
            Outcome o;
            if (f.handledAt() >= 0 && f.handledAt() <= deadline) {
                o = f.detectedAt() >= 0 && f.detectedAt() <= f.handledAt() ? Outcome.DETECTED : Outcome.SAFE_TRIP;
            } else {
                o = f.detectedAt() >= 0 && f.detectedAt() <= deadline ? Outcome.DETECTED_LATE : Outcome.UNDETECTED;
            }
            f.judge(o);
            open.remove(i);
            if (!o.ok()) {
                findings.violation(RULE, f.describe() + (o == Outcome.UNDETECTED ? " was not detected"
                        : " was detected at " + SimTime.format(f.detectedAt()) + " but not handled")
                        + " within the FTTI of " + SimTime.format(ftti) + " from " + SimTime.format(effective),
                        deadline, f.channel() >= 0 ? "channel " + f.channel() : f.bus() >= 0 ? "I2C" + f.bus()
                                : "MCU");
            }
        }
    }

    private boolean concerns(FaultRecord f, int channel) {
        return channel < 0 || f.channel() < 0 && f.bus() < 0 || onChannel(f, channel);
    }

    private boolean onChannel(FaultRecord f, int channel) {
        if (channel < 0) {
            return true;
        }
        if (f.channel() >= 0) {
            return f.channel() == channel;
        }
        return f.bus() >= 0 && channel < busOfChannel.length && busOfChannel[channel] == f.bus();
    }
}
