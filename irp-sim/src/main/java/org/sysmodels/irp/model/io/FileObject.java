package org.sysmodels.irp.model.io;

/**
 * FILE_OBJECT, reduced: one open handle to a device. IRP_MJ_CREATE opens it, IRP_MJ_CLEANUP is sent when the last
 * handle closes (the driver must then complete the IRPs it holds for this file object), IRP_MJ_CLOSE when the last
 * reference goes. FsContext is the driver's per-open state.
 */
public final class FileObject {

    public Object FsContext;

    private final String name;
    private final long address;
    private boolean cleanedUp;

    public FileObject(String name, long address) {
        this.name = name;
        this.address = address;
    }

    public String name() {
        return name;
    }

    public long address() {
        return address;
    }

    public boolean cleanedUp() {
        return cleanedUp;
    }

    void markCleanedUp() {
        cleanedUp = true;
    }

    @Override
    public String toString() {
        return name;
    }
}
