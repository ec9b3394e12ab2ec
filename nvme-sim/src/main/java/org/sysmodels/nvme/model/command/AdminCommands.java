package org.sysmodels.nvme.model.command;

import static org.sysmodels.nvme.model.register.Bits.bit;
import static org.sysmodels.nvme.model.register.Bits.field;

import org.sysmodels.nvme.model.memory.DataMover;
import org.sysmodels.nvme.model.memory.Prp;
import org.sysmodels.nvme.model.queue.Sqe;
import org.sysmodels.nvme.model.status.Status;
import org.sysmodels.nvme.model.status.StatusCode;

/**
 * The admin command set this controller implements (NVMe 1.4 §5): Abort (§5.1), Asynchronous Event Request (§5.2),
 * Create/Delete I/O CQ and SQ (§5.3–5.6, in {@link QueueCommands}), Get Features and Set Features (§5.13, §5.21)
 * for Arbitration, Number of Queues and Interrupt Coalescing, Get Log Page (§5.14) for Error Information and
 * SMART / Health Information, and Identify (§5.15) CNS 00h, 01h and 02h. Anything else completes with Invalid
 * Command Opcode.
 */
final class AdminCommands {

    /** What {@link #execute} returns for an Asynchronous Event Request that stays inside, waiting for an event. */
    static final int HELD = -1;

    private static final int BROADCAST = 0xffff_ffff;

    private final Pipeline p;
    private final QueueCommands queues;
    private final byte[] buffer;

    AdminCommands(Pipeline pipeline) {
        this.p = pipeline;
        this.queues = new QueueCommands(pipeline);
        this.buffer = new byte[Math.max(IdentifyData.BYTES, pipeline.config.errorLogEntries() * ErrorLog.ENTRY)];
    }

    /** Runs an admin command. @return its status, with Dword 0 in {@code cmd.result}, or {@link #HELD} */
    int execute(Command cmd) {
        Sqe s = cmd.sqe;
        if (s.fuse() != 0 || s.psdt() != 0) {
            return StatusCode.INVALID_FIELD.dnr();
        }
        return switch (s.opcode()) {
            case Opcodes.CREATE_IO_CQ -> queues.createCompletionQueue(s);
            case Opcodes.CREATE_IO_SQ -> queues.createSubmissionQueue(s);
            case Opcodes.DELETE_IO_CQ -> queues.deleteCompletionQueue(s);
            case Opcodes.DELETE_IO_SQ -> queues.deleteSubmissionQueue(s);
            case Opcodes.IDENTIFY -> identify(cmd);
            case Opcodes.SET_FEATURES -> setFeatures(cmd);
            case Opcodes.GET_FEATURES -> getFeatures(cmd);
            case Opcodes.GET_LOG_PAGE -> getLogPage(cmd);
            case Opcodes.ABORT -> abort(cmd);
            case Opcodes.ASYNC_EVENT_REQUEST -> {
                int status = p.events.submit(cmd);
                yield status == Status.SUCCESS ? HELD : status;
            }
            default -> StatusCode.INVALID_OPCODE.dnr();
        };
    }

    /** Identify (§5.15): CDW10 [7:0] CNS; 4096 bytes to PRP1/PRP2. */
    private int identify(Command cmd) {
        Sqe s = cmd.sqe;
        int cns = field(s.cdw(10), 7, 0);
        int nsid = s.nsid();
        long nn = p.namespaces.length - 1L;
        switch (cns) {
            case 0x00 -> {
                if (nsid == 0 || Integer.toUnsignedLong(nsid) > nn) {
                    return StatusCode.INVALID_NAMESPACE.dnr();
                }
                IdentifyData.namespace(buffer, p.namespaces[nsid]);
            }
            case 0x01 -> IdentifyData.controller(buffer, p.config, (int) nn);
            case 0x02 -> {
                if (nsid == BROADCAST || nsid == BROADCAST - 1) {
                    return StatusCode.INVALID_NAMESPACE.dnr();
                }
                IdentifyData.activeNamespaces(buffer, p.namespaces, Integer.toUnsignedLong(nsid));
            }
            default -> {
                return StatusCode.INVALID_FIELD.dnr();
            }
        }
        return toHost(cmd, IdentifyData.BYTES, 0, IdentifyData.BYTES);
    }

    /** Set Features (§5.21): CDW10 [7:0] FID, [31] SV; CDW11 the value. */
    private int setFeatures(Command cmd) {
        Sqe s = cmd.sqe;
        int fid = field(s.cdw(10), 7, 0);
        int value = s.cdw(11);
        Features f = p.features;
        if (bit(s.cdw(10), 31)) {
            return StatusCode.FEATURE_NOT_SAVEABLE.dnr();
        }
        return switch (fid) {
            case Features.ARBITRATION -> {
                f.arbitration = value;
                p.arbiter.configure(p.weighted, f.ab(), f.lpw(), f.mpw(), f.hpw());
                yield Status.SUCCESS;
            }
            case Features.NUMBER_OF_QUEUES -> numberOfQueues(cmd, value);
            case Features.INTERRUPT_COALESCING -> {
                f.coalescing = value & 0xffff;
                p.interrupts.coalescing(f.threshold(), f.time());
                yield Status.SUCCESS;
            }
            default -> StatusCode.INVALID_FIELD.dnr();
        };
    }

    /**
     * Number of Queues (§5.21.1.7): 65535 requested is invalid; after an I/O queue exists the value may not change
     * (Command Sequence Error); the controller allocates up to what it has and keeps that until reset.
     */
    private int numberOfQueues(Command cmd, int value) {
        int nsqr = field(value, 15, 0);
        int ncqr = field(value, 31, 16);
        Features f = p.features;
        if (nsqr == 0xffff || ncqr == 0xffff) {
            return StatusCode.INVALID_FIELD.dnr();
        }
        if (queues.ioQueuesExist()) {
            return StatusCode.COMMAND_SEQUENCE_ERROR.dnr();
        }
        if (!f.queuesAllocated()) {
            int max = p.config.maxIoQueuePairs() - 1;
            f.nsqa = Math.min(nsqr, max);
            f.ncqa = Math.min(ncqr, max);
        }
        cmd.result = f.nsqa | f.ncqa << 16;
        return Status.SUCCESS;
    }

    /** Get Features (§5.13): CDW10 [7:0] FID, [10:8] SEL (current, default, saved, supported capabilities). */
    private int getFeatures(Command cmd) {
        int fid = field(cmd.sqe.cdw(10), 7, 0);
        int sel = field(cmd.sqe.cdw(10), 10, 8);
        Features f = p.features;
        boolean current = sel == 0;
        int max = p.config.maxIoQueuePairs() - 1;
        if (sel == 3) {
            boolean known = fid == Features.ARBITRATION || fid == Features.NUMBER_OF_QUEUES
                    || fid == Features.INTERRUPT_COALESCING;
            cmd.result = known ? 0b100 : 0;
            return known ? Status.SUCCESS : StatusCode.INVALID_FIELD.dnr();
        }
        if (sel > 3) {
            return StatusCode.INVALID_FIELD.dnr();
        }
        switch (fid) {
            case Features.ARBITRATION -> cmd.result = current ? f.arbitration : Features.ARBITRATION_DEFAULT;
            case Features.NUMBER_OF_QUEUES -> cmd.result = current && f.queuesAllocated() ? f.nsqa | f.ncqa << 16
                    : max | max << 16;
            case Features.INTERRUPT_COALESCING -> cmd.result = current ? f.coalescing : 0;
            default -> {
                return StatusCode.INVALID_FIELD.dnr();
            }
        }
        return Status.SUCCESS;
    }

    /**
     * Get Log Page (§5.14): CDW10 [7:0] LID, [15] RAE, [31:16] NUMDL; CDW11 [15:0] NUMDU (NUMD is 0's based, in
     * dwords); CDW12–13 the byte offset, dword aligned. Bytes past the end of the page are returned as zeros.
     */
    private int getLogPage(Command cmd) {
        Sqe s = cmd.sqe;
        int lid = field(s.cdw(10), 7, 0);
        boolean retain = bit(s.cdw(10), 15);
        long dwords = ((long) field(s.cdw(11), 15, 0) << 16 | field(s.cdw(10), 31, 16)) + 1;
        long offset = (s.cdw(12) & 0xffff_ffffL) | ((long) s.cdw(13) << 32);
        int size;
        switch (lid) {
            case 0x01 -> {
                p.errorLog.encode(buffer);
                size = p.errorLog.bytes();
            }
            case 0x02 -> {
                int nsid = s.nsid();
                if (nsid != 0 && nsid != BROADCAST) {
                    return StatusCode.INVALID_FIELD.dnr();
                }
                p.health.encode(buffer, p.now(), p.errorLog.total());
                size = HealthLog.BYTES;
            }
            default -> {
                return StatusCode.INVALID_LOG_PAGE.dnr();
            }
        }
        if ((offset & 3) != 0 || offset >= size) {
            return StatusCode.INVALID_FIELD.dnr();
        }
        long length = dwords * 4;
        if (length > p.config.maxTransferBytes()) {
            return StatusCode.INVALID_FIELD.dnr();
        }
        int status = toHost(cmd, length, (int) offset, size);
        if (status == Status.SUCCESS) {
            p.events.logPageRead(lid, retain);
        }
        return status;
    }

    /** Abort (§5.1): CDW10 [15:0] SQID, [31:16] CID. Dword 0 bit 0: 0 = aborted, 1 = not aborted. */
    private int abort(Command cmd) {
        int sqid = field(cmd.sqe.cdw(10), 15, 0);
        int cid = field(cmd.sqe.cdw(10), 31, 16);
        p.abortsReceived++;
        boolean aborted = p.abort(sqid, cid);
        cmd.result = aborted ? 0 : 1;
        return Status.SUCCESS;
    }

    /** Sends {@code length} bytes: the structure in {@link #buffer} from {@code from} up to {@code size}, then zeros. */
    private int toHost(Command cmd, long length, int from, int size) {
        int status = Prp.walk(p.dma, cmd.sqe.prp1(), cmd.sqe.prp2(), length, p.pageSize, cmd.segments);
        if (status != Status.SUCCESS) {
            return status;
        }
        return DataMover.structureToHost(buffer, from, (int) Math.min(length, size - from), cmd.segments, p.dma);
    }
}
