package org.sysmodels.irp.host.labs;

import org.sysmodels.irp.model.io.DeviceObject;

/** A driver (a lab's) that sends requests into a second device stack: the run builds one and hands over its top. */
public interface NeedsOtherStack {
    void setOtherStack(DeviceObject top);
}
