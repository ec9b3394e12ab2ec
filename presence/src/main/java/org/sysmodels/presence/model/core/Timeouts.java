package org.sysmodels.presence.model.core;


/**
 * The clocks of a session: Hello's {@code heartbeat_interval} (docs example 45000 ms), how long past it a heartbeat may
 * be late before the connection counts as a zombie, and how long a lost session stays resumable. Discord's docs name
 * neither the grace nor the window ("forced to Resume", "a few minutes"); both are this model's parameters.
 */
public record Timeouts(long heartbeatIntervalNs, long graceNs, long resumeWindowNs) {

    public Timeouts {
        if (heartbeatIntervalNs <= 0 || graceNs < 0 || resumeWindowNs < 0) {
            throw new IllegalArgumentException("heartbeat interval > 0, grace ≥ 0, resume window ≥ 0");
        }
    }

    /** The interval plus half of it as grace, the usual rule of thumb for a missed heartbeat. */
    public static Timeouts of(long heartbeatIntervalNs, long resumeWindowNs) {
        return new Timeouts(heartbeatIntervalNs, heartbeatIntervalNs / 2, resumeWindowNs);
    }

    /** How long after a heartbeat (or Identify) the next must arrive. */
    public long heartbeatTimeoutNs() {
        return heartbeatIntervalNs + graceNs;
    }
}
