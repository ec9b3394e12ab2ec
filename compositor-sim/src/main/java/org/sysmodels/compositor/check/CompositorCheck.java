package org.sysmodels.compositor.check;

import org.sysmodels.compositor.model.CompositorObserver;
import org.sysmodels.core.check.Check;

/** A run-time rule of the compositor: one class per rule, seeing the events of {@link CompositorObserver}. */
public interface CompositorCheck extends Check, CompositorObserver {
}
