package org.sysmodels.nvme.model.status;

/**
 * The status codes this model returns, by the spec's names: Generic Command Status (SCT 0h, NVMe 1.4 §4.6.1.2.1),
 * Command Specific Status (SCT 1h, §4.6.1.2.2) and Media and Data Integrity Errors (SCT 2h, §4.6.1.2.3).
 */
public enum StatusCode {
    SUCCESS(0, 0x00, "Successful Completion"),
    INVALID_OPCODE(0, 0x01, "Invalid Command Opcode"),
    INVALID_FIELD(0, 0x02, "Invalid Field in Command"),
    COMMAND_ID_CONFLICT(0, 0x03, "Command ID Conflict"),
    DATA_TRANSFER_ERROR(0, 0x04, "Data Transfer Error"),
    INTERNAL_ERROR(0, 0x06, "Internal Error"),
    ABORT_REQUESTED(0, 0x07, "Command Abort Requested"),
    ABORTED_SQ_DELETION(0, 0x08, "Command Aborted due to SQ Deletion"),
    INVALID_NAMESPACE(0, 0x0B, "Invalid Namespace or Format"),
    COMMAND_SEQUENCE_ERROR(0, 0x0C, "Command Sequence Error"),
    INVALID_PRP_OFFSET(0, 0x13, "PRP Offset Invalid"),
    LBA_OUT_OF_RANGE(0, 0x80, "LBA Out of Range"),
    CAPACITY_EXCEEDED(0, 0x81, "Capacity Exceeded"),
    NAMESPACE_NOT_READY(0, 0x82, "Namespace Not Ready"),
    INVALID_CQ(1, 0x00, "Completion Queue Invalid"),
    INVALID_QUEUE_IDENTIFIER(1, 0x01, "Invalid Queue Identifier"),
    INVALID_QUEUE_SIZE(1, 0x02, "Invalid Queue Size"),
    ABORT_COMMAND_LIMIT_EXCEEDED(1, 0x03, "Abort Command Limit Exceeded"),
    ASYNC_EVENT_REQUEST_LIMIT_EXCEEDED(1, 0x05, "Asynchronous Event Request Limit Exceeded"),
    INVALID_INTERRUPT_VECTOR(1, 0x08, "Invalid Interrupt Vector"),
    INVALID_LOG_PAGE(1, 0x09, "Invalid Log Page"),
    INVALID_QUEUE_DELETION(1, 0x0C, "Invalid Queue Deletion"),
    FEATURE_NOT_SAVEABLE(1, 0x0D, "Feature Identifier Not Saveable"),
    FEATURE_NOT_CHANGEABLE(1, 0x0E, "Feature Not Changeable"),
    FEATURE_NOT_NAMESPACE_SPECIFIC(1, 0x0F, "Feature Not Namespace Specific"),
    WRITE_FAULT(2, 0x80, "Write Fault"),
    UNRECOVERED_READ_ERROR(2, 0x81, "Unrecovered Read Error");

    private final int sct;
    private final int sc;
    private final String title;

    StatusCode(int sct, int sc, String title) {
        this.sct = sct;
        this.sc = sc;
        this.title = title;
    }

    /** The status field value without DNR. */
    public int value() {
        return Status.of(sct, sc);
    }

    /** The status field value with Do Not Retry set, as every validation failure in this model reports. */
    public int dnr() {
        return value() | Status.DNR;
    }

    public String title() {
        return title;
    }

    /** The named code of a status field value (ignoring CRD, More, DNR), or null. */
    public static StatusCode of(int status) {
        int code = Status.code(status);
        for (StatusCode c : values()) {
            if (c.value() == code) {
                return c;
            }
        }
        return null;
    }
}
