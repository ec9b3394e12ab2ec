package org.sysmodels.irp.model.io;

/** IO_CSQ_IRP_CONTEXT: lets a driver take one particular queued IRP back out (IoCsqRemoveIrp). */
public final class IoCsqIrpContext {
    Irp irp;
    IoCsq csq;

    /** The queued IRP, or null once it was removed or cancelled. */
    public Irp irp() {
        return irp;
    }
}
