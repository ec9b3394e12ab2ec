package org.sysmodels.presence.check;

import org.sysmodels.core.check.Check;
import org.sysmodels.presence.model.core.PresenceObserver;

/** A run-time rule of the presence service: one class per rule, seeing the core's and the nodes' events. */
public interface PresenceCheck extends Check, PresenceObserver {
}
