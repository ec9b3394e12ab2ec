package org.sysmodels.queue.check;

import org.sysmodels.core.check.Check;
import org.sysmodels.queue.model.QueueObserver;

/** A run-time rule of the queue: one class per rule, seeing the queue's events. */
public interface QueueCheck extends Check, QueueObserver {
}
