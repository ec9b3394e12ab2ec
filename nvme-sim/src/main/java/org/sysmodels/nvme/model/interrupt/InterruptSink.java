package org.sysmodels.nvme.model.interrupt;

/** Where the controller's MSI-X messages go: the host platform, which runs the vector's handler. */
@FunctionalInterface
public interface InterruptSink {

    InterruptSink NONE = vector -> {
    };

    void raise(int vector);
}
