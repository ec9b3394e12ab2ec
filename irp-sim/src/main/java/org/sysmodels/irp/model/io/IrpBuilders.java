package org.sysmodels.irp.model.io;

import org.sysmodels.irp.model.ke.KEvent;
import org.sysmodels.irp.model.ke.KThread;

/**
 * The I/O manager's IRP builders for drivers (IoBuildDeviceIoControlRequest, IoBuildSynchronousFsdRequest): a packet
 * from the lookaside lists with the next location filled in, queued to the calling thread, whose completion signals
 * the caller's event (ReactOS ntoskrnl/io/iomgr/irp.c IoBuildDeviceIoControlRequest, IoBuildSynchronousFsdRequest).
 * {@link IoManager} keeps the WDM names and calls these.
 */
final class IrpBuilders {

    private final Kernel kernel;
    private final IrpLookaside lookaside;

    IrpBuilders(Kernel kernel, IrpLookaside lookaside) {
        this.kernel = kernel;
        this.lookaside = lookaside;
    }

    /**
     * IoBuildDeviceIoControlRequest: an IRP for {@code device}'s stack with the next location set to
     * IRP_MJ_(INTERNAL_)DEVICE_CONTROL, queued to the current thread; the I/O manager signals {@code event} and fills
     * {@code ioStatus} when it completes. Call at PASSIVE_LEVEL.
     */
    Irp deviceIoControl(int ioControlCode, DeviceObject device, int inputBufferLength, int outputBufferLength,
                        boolean internal, KEvent event, IoStatusBlock ioStatus) {
        Irp irp = lookaside.allocate(device.stackSize);
        IoStackLocation next = irp.stack[irp.currentLocation - 2];
        next.MajorFunction = internal ? IrpMajor.IRP_MJ_INTERNAL_DEVICE_CONTROL : IrpMajor.IRP_MJ_DEVICE_CONTROL;
        next.Parameters.DeviceIoControl.IoControlCode = ioControlCode;
        next.Parameters.DeviceIoControl.InputBufferLength = inputBufferLength;
        next.Parameters.DeviceIoControl.OutputBufferLength = outputBufferLength;
        int length = Math.max(inputBufferLength, outputBufferLength);
        if (Ioctl.method(ioControlCode) == Ioctl.METHOD_BUFFERED && length > 0) {
            irp.AssociatedIrp.SystemBuffer = new byte[length];
            irp.flags |= Irp.IRP_BUFFERED_IO;
        }
        irp.userIosb = ioStatus;
        irp.userEvent = event;
        attachToThread(irp);
        return irp;
    }

    /** IoBuildSynchronousFsdRequest for read, write, flush, shutdown, PnP and power IRPs. */
    Irp synchronousFsd(int majorFunction, DeviceObject device, byte[] buffer, int length, long startingOffset,
                       KEvent event, IoStatusBlock ioStatus) {
        Irp irp = lookaside.allocate(device.stackSize);
        IoStackLocation next = irp.stack[irp.currentLocation - 2];
        next.MajorFunction = majorFunction;
        if (majorFunction == IrpMajor.IRP_MJ_READ) {
            next.Parameters.Read.Length = length;
            next.Parameters.Read.ByteOffset = startingOffset;
        } else if (majorFunction == IrpMajor.IRP_MJ_WRITE) {
            next.Parameters.Write.Length = length;
            next.Parameters.Write.ByteOffset = startingOffset;
        }
        irp.AssociatedIrp.SystemBuffer = buffer;
        irp.userIosb = ioStatus;
        irp.userEvent = event;
        attachToThread(irp);
        return irp;
    }

    private void attachToThread(Irp irp) {
        KThread t = kernel.currentThread();
        RoutineFrame f = kernel.frame();
        irp.allocator = f == null ? null : f.driver;
        irp.thread = t;
        if (t != null) {
            t.queueIrp(irp);
        } else {
            irp.driverAllocated = true;
        }
    }
}
