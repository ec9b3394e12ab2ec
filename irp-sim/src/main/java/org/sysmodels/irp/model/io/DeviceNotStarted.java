package org.sysmodels.irp.model.io;

import org.sysmodels.irp.model.NtStatus;

/**
 * The PnP manager could not bring a device stack up: a driver's DriverEntry or AddDevice returned an error, or the
 * stack failed IRP_MN_START_DEVICE. Windows does not bug check for this: it leaves the device with a Device Manager
 * problem code and sends it no I/O (WDK "Device Manager error messages", cfg.h: Code 37 CM_PROB_FAILED_DRIVER_ENTRY,
 * Code 31 CM_PROB_FAILED_ADD, Code 10 CM_PROB_FAILED_START, "set when one of the drivers in the device's stack fails
 * IRP_MN_START_DEVICE"). A driver whose DriverEntry fails is unloaded (WDK DriverEntry).
 */
public final class DeviceNotStarted extends RuntimeException {

    /** The step that failed, with the problem code Device Manager shows for it. */
    public enum Problem {
        DRIVER_ENTRY("DriverEntry returned", 37, "CM_PROB_FAILED_DRIVER_ENTRY",
                "Windows unloads the driver and the device does not start"),
        ADD_DEVICE("AddDevice returned", 31, "CM_PROB_FAILED_ADD", "the device does not start"),
        START_DEVICE("IRP_MN_START_DEVICE completed with", 10, "CM_PROB_FAILED_START", "the device stays stopped");

        final String step;
        final int code;
        final String name;
        final String consequence;

        Problem(String step, int code, String name, String consequence) {
            this.step = step;
            this.code = code;
            this.name = name;
            this.consequence = consequence;
        }
    }

    private final String where;

    /**
     * @param where  the driver (\Driver\MyFilter), or the device stack for a failed start
     * @param status what the routine returned, or the start IRP's final status
     */
    public DeviceNotStarted(Problem problem, String where, int status) {
        super(problem.step + " " + NtStatus.describe(status) + ": " + problem.consequence + " and gets no I/O (Device "
                + "Manager Code " + problem.code + ", " + problem.name + "); no request was issued");
        this.where = where;
    }

    /** The driver that failed, or the device stack for a failed start. */
    public String where() {
        return where;
    }
}
