package org.sysmodels.irp.host.drivers;

import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.DriverObject;
import org.sysmodels.irp.model.io.IoCompletionRoutine;
import org.sysmodels.irp.model.io.IoStackLocation;
import org.sysmodels.irp.model.io.Irp;

/**
 * A highest-level filter that splits a large read into associated IRPs (IoMakeAssociatedIrp), one per
 * {@link #MAX_TRANSFER} bytes, sends each down, and lets the I/O manager complete the original ("master") IRP when the
 * last piece completes: each associated IRP's completion counts down master.AssociatedIrp.IrpCount. The master is
 * marked pending and STATUS_PENDING returned, since the pieces finish later; each piece's completion routine copies
 * its data into the master's buffer and records a failure in the master's status. Smaller reads pass through.
 */
public class SplittingFilter extends FilterDriver {

    /** The largest piece sent down. */
    public static final int MAX_TRANSFER = 8192;

    /** The filter's extension: how many requests it split, into how many pieces. */
    public static class Extension extends FilterDriver.Extension {
        public long split;
        public long pieces;
    }

    /** What a piece's completion routine needs: its master and where its data goes. */
    private static final class Piece {
        final Irp master;
        final int offsetInMaster;

        Piece(Irp master, int offsetInMaster) {
            this.master = master;
            this.offsetInMaster = offsetInMaster;
        }
    }

    private final IoCompletionRoutine pieceDone = this::PieceCompletion;

    @Override
    protected void filterEntry(DriverObject driver) {
        driver.MajorFunction[IRP_MJ_READ] = this::DispatchRead;
    }

    @Override
    protected FilterDriver.Extension newExtension() {
        return new Extension();
    }

    protected int DispatchRead(DeviceObject device, Irp master) {
        Extension ext = (Extension) device.DeviceExtension;
        ext.seen[IRP_MJ_READ]++;
        IoStackLocation sp = IoGetCurrentIrpStackLocation(master);
        int length = sp.Parameters.Read.Length;
        if (length <= MAX_TRANSFER) {
            IoSkipCurrentIrpStackLocation(master);
            return IoCallDriver(ext.lower, master);
        }
        int count = (length + MAX_TRANSFER - 1) / MAX_TRANSFER;
        ext.split++;
        ext.pieces += count;
        IoMarkIrpPending(master);
        master.IoStatus.Status = STATUS_SUCCESS;
        master.IoStatus.Information = length;
        master.AssociatedIrp.IrpCount = count;
        long offset = sp.Parameters.Read.ByteOffset;
        for (int k = 0; k < count; k++) {
            int pieceLength = Math.min(MAX_TRANSFER, length - k * MAX_TRANSFER);
            Irp piece = IoMakeAssociatedIrp(master, ext.lower.StackSize() + 1);
            IoSetNextIrpStackLocation(piece);
            IoStackLocation mine = IoGetCurrentIrpStackLocation(piece);
            mine.MajorFunction = IRP_MJ_READ;
            mine.FileObject = sp.FileObject;
            IoStackLocation next = IoGetNextIrpStackLocation(piece);
            next.MajorFunction = IRP_MJ_READ;
            next.FileObject = sp.FileObject;
            next.Parameters.Read.Length = pieceLength;
            next.Parameters.Read.ByteOffset = offset + (long) k * MAX_TRANSFER;
            if (master.AssociatedIrp.SystemBuffer != null) {
                piece.AssociatedIrp.SystemBuffer = new byte[pieceLength];
            }
            IoSetCompletionRoutine(piece, pieceDone, new Piece(master, k * MAX_TRANSFER), true, true, true);
            IoCallDriver(ext.lower, piece);
        }
        return STATUS_PENDING;
    }

    /** A piece finished: copy its data up, remember a failure; the I/O manager does the counting. */
    protected int PieceCompletion(DeviceObject device, Irp piece, Object context) {
        Piece p = (Piece) context;
        if (!NT_SUCCESS(piece.IoStatus.Status)) {
            p.master.IoStatus.Status = piece.IoStatus.Status;
            p.master.IoStatus.Information = 0;
        } else if (piece.AssociatedIrp.SystemBuffer != null && p.master.AssociatedIrp.SystemBuffer != null) {
            byte[] src = piece.AssociatedIrp.SystemBuffer;
            byte[] dst = p.master.AssociatedIrp.SystemBuffer;
            System.arraycopy(src, 0, dst, p.offsetInMaster, Math.min(src.length, dst.length - p.offsetInMaster));
        }
        return STATUS_CONTINUE_COMPLETION;
    }
}
