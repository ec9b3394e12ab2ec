package org.sysmodels.nvme.model.command;

import static org.sysmodels.nvme.model.register.Bits.field;
import static org.sysmodels.nvme.model.register.Bits.place;

/**
 * The Dword 0 of an Asynchronous Event Request completion (NVMe 1.4 §5.2.1): Asynchronous Event Type [2:0],
 * Asynchronous Event Information [15:8], Log Page Identifier [23:16]. Two types are raised here: Error status (the
 * doorbell errors) and SMART / Health status (the temperature threshold).
 */
public final class AsyncEvent {

    public static final int TYPE_ERROR = 0;
    public static final int TYPE_SMART = 1;
    /** Error status info 00h: Write to Invalid Doorbell Register (a doorbell of a queue that does not exist). */
    public static final int INVALID_DOORBELL_REGISTER = 0x00;
    /**
     * Error status info 01h: Invalid Doorbell Write Value (a value beyond the queue size, more entries than free
     * slots in an SQ, or a CQ head moved past the entries posted).
     */
    public static final int INVALID_DOORBELL_VALUE = 0x01;
    /** SMART / Health status info 01h: Temperature Threshold (a temperature reached one of its thresholds). */
    public static final int TEMPERATURE_THRESHOLD = 0x01;
    public static final int LOG_ERROR_INFORMATION = 0x01;
    public static final int LOG_SMART_HEALTH = 0x02;

    private AsyncEvent() {
    }

    public static int dw0(int type, int info, int logPage) {
        return place(type, 2, 0) | place(info, 15, 8) | place(logPage, 23, 16);
    }

    public static int type(int dw0) {
        return field(dw0, 2, 0);
    }

    public static int info(int dw0) {
        return field(dw0, 15, 8);
    }

    public static int logPage(int dw0) {
        return field(dw0, 23, 16);
    }

    public static String describe(int dw0) {
        if (type(dw0) == TYPE_ERROR) {
            return switch (info(dw0)) {
                case INVALID_DOORBELL_REGISTER -> "Error: Write to Invalid Doorbell Register";
                case INVALID_DOORBELL_VALUE -> "Error: Invalid Doorbell Write Value";
                default -> "Error: info " + Integer.toHexString(info(dw0)) + "h";
            };
        }
        if (type(dw0) == TYPE_SMART) {
            return info(dw0) == TEMPERATURE_THRESHOLD ? "SMART / Health: Temperature Threshold"
                    : "SMART / Health: info " + Integer.toHexString(info(dw0)) + "h";
        }
        return "event type " + type(dw0) + ", info " + Integer.toHexString(info(dw0)) + "h";
    }
}
