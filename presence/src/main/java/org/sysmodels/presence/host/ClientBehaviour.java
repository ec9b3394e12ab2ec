package org.sysmodels.presence.host;

/**
 * How the simulated clients behave (all times in ns): mean time between a session's status changes, the quiet
 * spell after which it goes idle, mean session life, the share of disconnects that drop (rather than close with
 * 1000), mean time to come back and resume, the share of drops that never come back, the gateway nodes to pick from,
 * sessions per user, the heartbeat interval, and when churn ends.
 */
public record ClientBehaviour(long changeEvery, long idleAfter, long sessionLife, double dropFraction,
                              long resumeAfter, double neverBackFraction, int nodes, int maxSessions,
                              long heartbeatInterval, long churnEnd) {
}
