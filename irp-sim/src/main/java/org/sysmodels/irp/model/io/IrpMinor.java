package org.sysmodels.irp.model.io;

/** The minor function codes of IRP_MJ_PNP and IRP_MJ_POWER that the simulator uses (wdm.h). */
public final class IrpMinor {

    public static final int IRP_MN_START_DEVICE = 0x00;
    public static final int IRP_MN_QUERY_REMOVE_DEVICE = 0x01;
    public static final int IRP_MN_REMOVE_DEVICE = 0x02;
    public static final int IRP_MN_CANCEL_REMOVE_DEVICE = 0x03;
    public static final int IRP_MN_STOP_DEVICE = 0x04;
    public static final int IRP_MN_SURPRISE_REMOVAL = 0x17;

    public static final int IRP_MN_WAIT_WAKE = 0x00;
    public static final int IRP_MN_POWER_SEQUENCE = 0x01;
    public static final int IRP_MN_SET_POWER = 0x02;
    public static final int IRP_MN_QUERY_POWER = 0x03;

    private IrpMinor() {
    }

    /** "IRP_MN_START_DEVICE" for PnP, "IRP_MN_SET_POWER" for power, else the hex code. */
    public static String name(int major, int minor) {
        if (major == IrpMajor.IRP_MJ_PNP) {
            return switch (minor) {
                case IRP_MN_START_DEVICE -> "IRP_MN_START_DEVICE";
                case IRP_MN_QUERY_REMOVE_DEVICE -> "IRP_MN_QUERY_REMOVE_DEVICE";
                case IRP_MN_REMOVE_DEVICE -> "IRP_MN_REMOVE_DEVICE";
                case IRP_MN_CANCEL_REMOVE_DEVICE -> "IRP_MN_CANCEL_REMOVE_DEVICE";
                case IRP_MN_STOP_DEVICE -> "IRP_MN_STOP_DEVICE";
                case IRP_MN_SURPRISE_REMOVAL -> "IRP_MN_SURPRISE_REMOVAL";
                default -> String.format("IRP_MN_0x%02x", minor);
            };
        }
        if (major == IrpMajor.IRP_MJ_POWER) {
            return switch (minor) {
                case IRP_MN_WAIT_WAKE -> "IRP_MN_WAIT_WAKE";
                case IRP_MN_POWER_SEQUENCE -> "IRP_MN_POWER_SEQUENCE";
                case IRP_MN_SET_POWER -> "IRP_MN_SET_POWER";
                case IRP_MN_QUERY_POWER -> "IRP_MN_QUERY_POWER";
                default -> String.format("IRP_MN_0x%02x", minor);
            };
        }
        return String.format("0x%02x", minor);
    }
}
