package org.sysmodels.nvme.model.media;

import java.util.Set;

/**
 * The faults a scenario can inject into the controller, with their targets: a namespace ("ns1") or the controller.
 * <ul>
 *   <li>{@code unrecovered-read-error}: a Read completes with Unrecovered Read Error (SCT 2h, SC 81h).
 *   <li>{@code write-fault}: a Write completes with Write Fault (SCT 2h, SC 80h).
 *   <li>{@code stuck-command}: a command is lost inside the device and never completes unless aborted or reset.
 *   <li>{@code controller-fatal}: CSTS.CFS goes to 1 at the next fetch; the host must reset the controller.
 * </ul>
 */
public final class FaultKinds {

    public static final String UNRECOVERED_READ_ERROR = "unrecovered-read-error";
    public static final String WRITE_FAULT = "write-fault";
    public static final String STUCK_COMMAND = "stuck-command";
    public static final String CONTROLLER_FATAL = "controller-fatal";
    public static final String CONTROLLER = "controller";
    public static final Set<String> ALL = Set.of(UNRECOVERED_READ_ERROR, WRITE_FAULT, STUCK_COMMAND,
            CONTROLLER_FATAL);

    private static final String[] TARGETS = new String[64];

    static {
        for (int i = 0; i < TARGETS.length; i++) {
            TARGETS[i] = "ns" + i;
        }
    }

    private FaultKinds() {
    }

    /** "ns1" for namespace 1, without allocating for the usual NSIDs. */
    public static String target(int nsid) {
        return nsid >= 0 && nsid < TARGETS.length ? TARGETS[nsid] : "ns" + nsid;
    }
}
