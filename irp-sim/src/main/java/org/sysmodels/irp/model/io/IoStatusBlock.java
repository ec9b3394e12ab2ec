package org.sysmodels.irp.model.io;

import org.sysmodels.irp.model.NtStatus;

/**
 * IO_STATUS_BLOCK: the final status of a request and a request-specific number (bytes transferred for a read or
 * write). A driver fills the IRP's block before IoCompleteRequest; the I/O manager copies it to the caller's block.
 */
public final class IoStatusBlock {

    public int Status;
    public long Information;

    public void set(int status, long information) {
        Status = status;
        Information = information;
    }

    public void copyFrom(IoStatusBlock other) {
        Status = other.Status;
        Information = other.Information;
    }

    @Override
    public String toString() {
        return "{" + NtStatus.name(Status) + ", " + Information + "}";
    }
}
