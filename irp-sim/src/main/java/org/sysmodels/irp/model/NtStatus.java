package org.sysmodels.irp.model;

import java.util.Locale;

/**
 * NTSTATUS values as the real 32-bit codes (ntstatus.h), printed by name. The top two bits are the severity: 00
 * success, 01 informational, 10 warning, 11 error; {@link #isSuccess} is the NT_SUCCESS macro (the value as a signed
 * 32-bit number is ≥ 0) and {@link #isError} is NT_ERROR (severity 11).
 */
public final class NtStatus {

    public static final int STATUS_SUCCESS = 0x00000000;
    /** The same value as STATUS_SUCCESS: what a completion routine returns to let completion go on (wdm.h). */
    public static final int STATUS_CONTINUE_COMPLETION = STATUS_SUCCESS;
    public static final int STATUS_TIMEOUT = 0x00000102;
    public static final int STATUS_PENDING = 0x00000103;
    public static final int STATUS_REPARSE = 0x00000104;
    public static final int STATUS_BUFFER_OVERFLOW = 0x80000005;
    public static final int STATUS_DEVICE_BUSY = 0x80000011;
    public static final int STATUS_UNSUCCESSFUL = 0xC0000001;
    public static final int STATUS_NOT_IMPLEMENTED = 0xC0000002;
    /** An exception code: the access a NULL or bad pointer makes (ExceptionInformation: 0 read / 1 write, address). */
    public static final int STATUS_ACCESS_VIOLATION = 0xC0000005;
    public static final int STATUS_INVALID_PARAMETER = 0xC000000D;
    public static final int STATUS_NO_SUCH_DEVICE = 0xC000000E;
    public static final int STATUS_INVALID_DEVICE_REQUEST = 0xC0000010;
    public static final int STATUS_END_OF_FILE = 0xC0000011;
    public static final int STATUS_MORE_PROCESSING_REQUIRED = 0xC0000016;
    public static final int STATUS_BUFFER_TOO_SMALL = 0xC0000023;
    public static final int STATUS_DELETE_PENDING = 0xC0000056;
    public static final int STATUS_INSUFFICIENT_RESOURCES = 0xC000009A;
    /** An exception code: an integer division by zero (the CPU's divide error). */
    public static final int STATUS_INTEGER_DIVIDE_BY_ZERO = 0xC0000094;
    public static final int STATUS_DEVICE_NOT_READY = 0xC00000A3;
    public static final int STATUS_IO_TIMEOUT = 0xC00000B5;
    public static final int STATUS_NOT_SUPPORTED = 0xC00000BB;
    public static final int STATUS_CANCELLED = 0xC0000120;
    public static final int STATUS_INVALID_DEVICE_STATE = 0xC0000184;
    public static final int STATUS_DEVICE_REMOVED = 0xC00002B6;

    private static final int[] CODES = {STATUS_SUCCESS, STATUS_TIMEOUT, STATUS_PENDING, STATUS_REPARSE,
        STATUS_BUFFER_OVERFLOW, STATUS_DEVICE_BUSY, STATUS_UNSUCCESSFUL, STATUS_NOT_IMPLEMENTED,
        STATUS_ACCESS_VIOLATION, STATUS_INVALID_PARAMETER, STATUS_NO_SUCH_DEVICE, STATUS_INVALID_DEVICE_REQUEST,
        STATUS_END_OF_FILE, STATUS_MORE_PROCESSING_REQUIRED, STATUS_BUFFER_TOO_SMALL, STATUS_DELETE_PENDING,
        STATUS_INSUFFICIENT_RESOURCES, STATUS_INTEGER_DIVIDE_BY_ZERO, STATUS_DEVICE_NOT_READY, STATUS_IO_TIMEOUT,
        STATUS_NOT_SUPPORTED, STATUS_CANCELLED, STATUS_INVALID_DEVICE_STATE, STATUS_DEVICE_REMOVED};
    private static final String[] NAMES = {"STATUS_SUCCESS", "STATUS_TIMEOUT", "STATUS_PENDING", "STATUS_REPARSE",
        "STATUS_BUFFER_OVERFLOW", "STATUS_DEVICE_BUSY", "STATUS_UNSUCCESSFUL", "STATUS_NOT_IMPLEMENTED",
        "STATUS_ACCESS_VIOLATION", "STATUS_INVALID_PARAMETER", "STATUS_NO_SUCH_DEVICE", "STATUS_INVALID_DEVICE_REQUEST",
        "STATUS_END_OF_FILE", "STATUS_MORE_PROCESSING_REQUIRED", "STATUS_BUFFER_TOO_SMALL", "STATUS_DELETE_PENDING",
        "STATUS_INSUFFICIENT_RESOURCES", "STATUS_INTEGER_DIVIDE_BY_ZERO", "STATUS_DEVICE_NOT_READY",
        "STATUS_IO_TIMEOUT", "STATUS_NOT_SUPPORTED", "STATUS_CANCELLED", "STATUS_INVALID_DEVICE_STATE",
        "STATUS_DEVICE_REMOVED"};

    private NtStatus() {
    }

    /** NT_SUCCESS: success and informational codes (the value, signed, is ≥ 0). */
    public static boolean isSuccess(int status) {
        return status >= 0;
    }

    /** NT_ERROR: severity 11, the codes 0xC0000000 and up. */
    public static boolean isError(int status) {
        return (status >>> 30) == 3;
    }

    /** "STATUS_PENDING", or the hex code for a value this table does not name. */
    public static String name(int status) {
        for (int i = 0; i < CODES.length; i++) {
            if (CODES[i] == status) {
                return NAMES[i];
            }
        }
        return hex(status);
    }

    /** True when this table names {@code name} ("STATUS_CANCELLED"). */
    public static boolean isKnown(String name) {
        for (String n : NAMES) {
            if (n.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The code for a name this table knows; throws IllegalArgumentException listing the names otherwise. */
    public static int valueOf(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(name)) {
                return CODES[i];
            }
        }
        throw new IllegalArgumentException("\"" + name + "\" is not a known NTSTATUS; known: "
                + String.join(", ", NAMES));
    }

    /** "STATUS_PENDING (0x00000103)". */
    public static String describe(int status) {
        String n = name(status);
        return n.startsWith("0x") ? n : n + " (" + hex(status) + ")";
    }

    /** "0xC0000120". */
    public static String hex(int status) {
        return String.format(Locale.ROOT, "0x%08X", status);
    }
}
