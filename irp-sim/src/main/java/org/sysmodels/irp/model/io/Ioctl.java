package org.sysmodels.irp.model.io;

/**
 * I/O control codes (devioctl.h): CTL_CODE(DeviceType, Function, Method, Access) =
 * DeviceType &lt;&lt; 16 | Access &lt;&lt; 14 | Function &lt;&lt; 2 | Method.
 */
public final class Ioctl {

    public static final int FILE_DEVICE_DISK = 0x07;
    public static final int FILE_DEVICE_UNKNOWN = 0x22;
    public static final int METHOD_BUFFERED = 0;
    public static final int METHOD_IN_DIRECT = 1;
    public static final int METHOD_OUT_DIRECT = 2;
    public static final int METHOD_NEITHER = 3;
    public static final int FILE_ANY_ACCESS = 0;
    public static final int FILE_READ_ACCESS = 1;
    public static final int FILE_WRITE_ACCESS = 2;

    private Ioctl() {
    }

    public static int CTL_CODE(int deviceType, int function, int method, int access) {
        return deviceType << 16 | access << 14 | function << 2 | method;
    }

    public static int deviceType(int code) {
        return code >>> 16;
    }

    public static int function(int code) {
        return (code >>> 2) & 0xfff;
    }

    public static int method(int code) {
        return code & 3;
    }
}
