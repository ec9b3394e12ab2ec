package org.sysmodels.irp.model.io;

/** The IRP major function codes (wdm.h) and their names. */
public final class IrpMajor {

    public static final int IRP_MJ_CREATE = 0x00;
    public static final int IRP_MJ_CLOSE = 0x02;
    public static final int IRP_MJ_READ = 0x03;
    public static final int IRP_MJ_WRITE = 0x04;
    public static final int IRP_MJ_FLUSH_BUFFERS = 0x09;
    public static final int IRP_MJ_DEVICE_CONTROL = 0x0e;
    public static final int IRP_MJ_INTERNAL_DEVICE_CONTROL = 0x0f;
    public static final int IRP_MJ_SHUTDOWN = 0x10;
    public static final int IRP_MJ_CLEANUP = 0x12;
    public static final int IRP_MJ_POWER = 0x16;
    public static final int IRP_MJ_SYSTEM_CONTROL = 0x17;
    public static final int IRP_MJ_PNP = 0x1b;
    public static final int IRP_MJ_MAXIMUM_FUNCTION = 0x1b;

    private static final String[] NAMES = new String[IRP_MJ_MAXIMUM_FUNCTION + 1];

    static {
        String[] all = {"CREATE", "CREATE_NAMED_PIPE", "CLOSE", "READ", "WRITE", "QUERY_INFORMATION",
            "SET_INFORMATION", "QUERY_EA", "SET_EA", "FLUSH_BUFFERS", "QUERY_VOLUME_INFORMATION",
            "SET_VOLUME_INFORMATION", "DIRECTORY_CONTROL", "FILE_SYSTEM_CONTROL", "DEVICE_CONTROL",
            "INTERNAL_DEVICE_CONTROL", "SHUTDOWN", "LOCK_CONTROL", "CLEANUP", "CREATE_MAILSLOT", "QUERY_SECURITY",
            "SET_SECURITY", "POWER", "SYSTEM_CONTROL", "DEVICE_CHANGE", "QUERY_QUOTA", "SET_QUOTA", "PNP"};
        for (int i = 0; i < all.length; i++) {
            NAMES[i] = "IRP_MJ_" + all[i];
        }
    }

    private IrpMajor() {
    }

    /** "IRP_MJ_READ". */
    public static String name(int major) {
        return major >= 0 && major < NAMES.length ? NAMES[major] : String.format("IRP_MJ_0x%02x", major);
    }
}
