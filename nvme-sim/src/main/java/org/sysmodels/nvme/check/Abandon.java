package org.sysmodels.nvme.check;

import org.sysmodels.nvme.model.register.ControllerState;

/** Which controller states abandon every command inside (NVMe 1.4 Controller Level Reset; a fatal error). */
final class Abandon {

    private Abandon() {
    }

    /** True when entering {@code s} means no command inside will ever complete. */
    static boolean everything(ControllerState s) {
        return s instanceof ControllerState.Resetting || s instanceof ControllerState.Disabled
                || s instanceof ControllerState.Failed;
    }
}
