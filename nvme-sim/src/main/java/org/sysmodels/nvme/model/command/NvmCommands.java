package org.sysmodels.nvme.model.command;

import static org.sysmodels.nvme.model.register.Bits.bit;
import static org.sysmodels.nvme.model.register.Bits.field;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.sysmodels.nvme.model.media.FaultKinds;
import org.sysmodels.nvme.model.media.Namespace;
import org.sysmodels.nvme.model.memory.DataMover;
import org.sysmodels.nvme.model.memory.Dma;
import org.sysmodels.nvme.model.memory.Prp;
import org.sysmodels.nvme.model.queue.Sqe;
import org.sysmodels.nvme.model.status.Status;
import org.sysmodels.nvme.model.status.StatusCode;

/**
 * The NVM command set I/O commands (NVMe 1.4 §6): Flush (00h), Write (01h), Read (02h), Write
 * Zeroes (08h) and Dataset Management (09h, deallocate only), each in its own subsection of §6.
 *
 * <p>Validation happens at fetch, in the order QEMU applies it: opcode (Invalid Command Opcode), namespace (0 or above
 * NN: Invalid Namespace or Format; a valid but inactive NSID: Invalid Field in Command), FUSE and PSDT (fused
 * operations and SGLs are not supported: Invalid Field), transfer size against MDTS (Invalid Field), LBA range
 * (LBA Out of Range), then the PRP walk. Execution, at the end of service, moves the data and applies faults.
 *
 * <p>Read and Write: CDW10–11 SLBA, CDW12 [15:0] NLB (0's based). Write Zeroes: the same, no data; deallocated blocks
 * read as zeros. Dataset Management: CDW10 [7:0] NR (0's based number of 16-byte ranges: context attributes (4),
 * length in LBAs (4), starting LBA (8)); CDW11 [2] AD (deallocate).
 */
final class NvmCommands {

    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int BROADCAST = 0xffff_ffff;

    private final Pipeline p;
    private final Dma memory;
    private final byte[] ranges = new byte[256 * 16];
    private final boolean readFaults;
    private final boolean writeFaults;
    private final long maxTransfer;

    NvmCommands(Pipeline pipeline) {
        this.p = pipeline;
        this.memory = pipeline.dma;
        this.readFaults = pipeline.faults.planned(FaultKinds.UNRECOVERED_READ_ERROR);
        this.writeFaults = pipeline.faults.planned(FaultKinds.WRITE_FAULT);
        this.maxTransfer = pipeline.config.maxTransferBytes();
    }

    /** Checks a fetched I/O command. @return SUCCESS, or the status to complete it with at once */
    int validate(Command cmd) {
        Sqe s = cmd.sqe;
        int opcode = s.opcode();
        if (opcode != Opcodes.READ && opcode != Opcodes.WRITE && opcode != Opcodes.FLUSH
                && opcode != Opcodes.WRITE_ZEROES && opcode != Opcodes.DATASET_MANAGEMENT) {
            return StatusCode.INVALID_OPCODE.dnr();
        }
        if (opcode == Opcodes.FLUSH && s.nsid() == BROADCAST) {
            return Status.SUCCESS;
        }
        int nsStatus = namespace(cmd);
        if (nsStatus != Status.SUCCESS) {
            return nsStatus;
        }
        if (s.fuse() != 0 || s.psdt() != 0) {
            return StatusCode.INVALID_FIELD.dnr();
        }
        return switch (opcode) {
            case Opcodes.READ, Opcodes.WRITE -> readWrite(cmd);
            case Opcodes.WRITE_ZEROES -> range(cmd);
            case Opcodes.DATASET_MANAGEMENT -> Prp.walk(memory, s.prp1(), s.prp2(), (field(s.cdw(10), 7, 0) + 1) * 16L,
                    p.pageSize, cmd.segments);
            default -> Status.SUCCESS;
        };
    }

    private int namespace(Command cmd) {
        int nsid = cmd.sqe.nsid();
        long nn = p.namespaces.length - 1L;
        if (nsid == 0 || Integer.toUnsignedLong(nsid) > nn) {
            return StatusCode.INVALID_NAMESPACE.dnr();
        }
        Namespace ns = p.namespaces[nsid];
        if (ns == null) {
            return StatusCode.INVALID_FIELD.dnr();
        }
        cmd.namespace = ns;
        return Status.SUCCESS;
    }

    private int readWrite(Command cmd) {
        cmd.slba = cmd.sqe.cdw10_11();
        cmd.blocks = field(cmd.sqe.cdw12(), 15, 0) + 1L;
        long bytes = cmd.blocks << cmd.namespace.lbads();
        if (bytes > maxTransfer) {
            return StatusCode.INVALID_FIELD.dnr();
        }
        if (!cmd.namespace.inRange(cmd.slba, cmd.blocks)) {
            return StatusCode.LBA_OUT_OF_RANGE.dnr();
        }
        return Prp.walk(memory, cmd.sqe.prp1(), cmd.sqe.prp2(), bytes, p.pageSize, cmd.segments);
    }

    private int range(Command cmd) {
        cmd.slba = cmd.sqe.cdw10_11();
        cmd.blocks = field(cmd.sqe.cdw(12), 15, 0) + 1L;
        return cmd.namespace.inRange(cmd.slba, cmd.blocks) ? Status.SUCCESS : StatusCode.LBA_OUT_OF_RANGE.dnr();
    }

    /** Runs a validated command at the end of its service time. @return its status */
    int execute(Command cmd) {
        Namespace ns = cmd.namespace;
        long now = p.now();
        return switch (cmd.opcode()) {
            case Opcodes.READ -> {
                if (readFaults && p.faults.fires(FaultKinds.UNRECOVERED_READ_ERROR, FaultKinds.target(ns.nsid()), now)) {
                    p.health.mediaErrors++;
                    yield StatusCode.UNRECOVERED_READ_ERROR.value();
                }
                p.health.readCommands++;
                p.health.bytesRead += cmd.segments.total();
                yield DataMover.toHost(ns.media(), ns.offset(cmd.slba), cmd.segments, memory);
            }
            case Opcodes.WRITE -> {
                if (writeFaults && p.faults.fires(FaultKinds.WRITE_FAULT, FaultKinds.target(ns.nsid()), now)) {
                    p.health.mediaErrors++;
                    yield StatusCode.WRITE_FAULT.value();
                }
                p.health.writeCommands++;
                p.health.bytesWritten += cmd.segments.total();
                yield DataMover.fromHost(memory, cmd.segments, ns.media(), ns.offset(cmd.slba));
            }
            case Opcodes.WRITE_ZEROES -> {
                ns.media().zero(ns.offset(cmd.slba), cmd.blocks << ns.lbads());
                yield Status.SUCCESS;
            }
            case Opcodes.DATASET_MANAGEMENT -> datasetManagement(cmd, ns);
            default -> Status.SUCCESS;
        };
    }

    private int datasetManagement(Command cmd, Namespace ns) {
        int count = field(cmd.sqe.cdw(10), 7, 0) + 1;
        int status = DataMover.structureFromHost(memory, cmd.segments, ranges, count * 16);
        if (status != Status.SUCCESS) {
            return status;
        }
        for (int r = 0; r < count; r++) {
            long blocks = Integer.toUnsignedLong((int) I32.get(ranges, r * 16 + 4));
            long slba = (long) I64.get(ranges, r * 16 + 8);
            if (!ns.inRange(slba, blocks)) {
                return StatusCode.LBA_OUT_OF_RANGE.dnr();
            }
        }
        if (bit(cmd.sqe.cdw(11), 2)) {
            for (int r = 0; r < count; r++) {
                long blocks = Integer.toUnsignedLong((int) I32.get(ranges, r * 16 + 4));
                long slba = (long) I64.get(ranges, r * 16 + 8);
                ns.media().zero(ns.offset(slba), blocks << ns.lbads());
            }
        }
        return Status.SUCCESS;
    }
}
