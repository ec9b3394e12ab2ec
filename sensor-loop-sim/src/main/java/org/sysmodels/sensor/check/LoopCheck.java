package org.sysmodels.sensor.check;

import org.sysmodels.core.check.Check;

/** A run-time check of the sensor loop: one rule, and the events it observes. */
public interface LoopCheck extends Check, LoopObserver {
}
