package org.sysmodels.irp.host.workload;

import org.sysmodels.irp.model.io.IrpMajor;

/** The kinds of request a user thread issues. */
public enum Op {
    READ(IrpMajor.IRP_MJ_READ),
    WRITE(IrpMajor.IRP_MJ_WRITE),
    IOCTL(IrpMajor.IRP_MJ_DEVICE_CONTROL);

    private final int major;

    Op(int major) {
        this.major = major;
    }

    public int major() {
        return major;
    }
}
