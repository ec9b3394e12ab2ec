package org.sysmodels.nvme.model.register;

import static org.sysmodels.nvme.model.register.Bits.field;

/**
 * Controller Status (CSTS, offset 1Ch, NVMe 1.4 §3.1.6), read-only to the host: RDY [0], CFS [1] (Controller Fatal
 * Status), SHST [3:2] (Shutdown Status: 00b normal operation, 01b shutdown processing, 10b shutdown complete),
 * NSSRO [4] (NVM Subsystem Reset Occurred), PP [5] (Processing Paused).
 */
public final class Csts {

    public static final int RDY = 1;
    public static final int CFS = 1 << 1;
    public static final int NSSRO = 1 << 4;
    public static final int PP = 1 << 5;
    public static final int SHST_NORMAL = 0;
    public static final int SHST_PROCESSING = 1;
    public static final int SHST_COMPLETE = 2;

    private Csts() {
    }

    public static boolean ready(int csts) {
        return (csts & RDY) != 0;
    }

    public static boolean fatal(int csts) {
        return (csts & CFS) != 0;
    }

    public static int shst(int csts) {
        return field(csts, 3, 2);
    }

    /** "RDY=1 CFS=0 SHST=00b", for traces and quiz answers. */
    public static String describe(int csts) {
        return "RDY=" + (csts & 1) + " CFS=" + field(csts, 1, 1) + " SHST=" + Integer.toBinaryString(4 | shst(csts))
                .substring(1) + "b";
    }
}
