package org.sysmodels.nvme.model;

import static org.sysmodels.nvme.model.Bits.bit;
import static org.sysmodels.nvme.model.Bits.field;

/**
 * The admin command set this controller implements (NVMe 1.4 §5): Abort (§5.1), Asynchronous Event Request (§5.2),
 * Create/Delete I/O CQ and SQ (§5.3–5.6, in {@link QueueCommands}), Get Features and Set Features (§5.13, §5.21)
 * for Arbitration, Number of Queues and Interrupt Coalescing, Get Log Page (§5.14) for Error Information and
 * SMART / Health Information, and Identify (§5.15) CNS 00h, 01h and 02h. Anything else completes with Invalid
 * Command Opcode.
 */
final class AdminCommands {

    private static final int BROADCAST = 0xffff_ffff;

    private final Controller c;
    private final Pipeline p;
    private final QueueCommands queues;
    private final byte[] buffer;

    AdminCommands(Controller controller, Pipeline pipeline) {
        this.c = controller;
        this.p = pipeline;
        this.queues = new QueueCommands(controller, pipeline);
        this.buffer = new byte[Math.max(IdentifyData.BYTES, controller.config().errorLogEntries() * ErrorLog.ENTRY)];
    }

    void execute(Command cmd) {
        Sqe s = cmd.sqe;
        if (s.fuse() != 0 || s.psdt() != 0) {
            p.complete(cmd, StatusCode.INVALID_FIELD.dnr(), 0);
            return;
        }
        switch (s.opcode()) {
            case Opcodes.CREATE_IO_CQ -> p.complete(cmd, queues.createCompletionQueue(s), 0);
            case Opcodes.CREATE_IO_SQ -> p.complete(cmd, queues.createSubmissionQueue(s), 0);
            case Opcodes.DELETE_IO_CQ -> p.complete(cmd, queues.deleteCompletionQueue(s), 0);
            case Opcodes.DELETE_IO_SQ -> p.complete(cmd, queues.deleteSubmissionQueue(s), 0);
            case Opcodes.IDENTIFY -> p.complete(cmd, identify(cmd), 0);
            case Opcodes.SET_FEATURES -> setFeatures(cmd);
            case Opcodes.GET_FEATURES -> getFeatures(cmd);
            case Opcodes.GET_LOG_PAGE -> p.complete(cmd, getLogPage(cmd), 0);
            case Opcodes.ABORT -> abort(cmd);
            case Opcodes.ASYNC_EVENT_REQUEST -> {
                int status = p.events.submit(cmd);
                if (status != Status.SUCCESS) {
                    p.complete(cmd, status, 0);
                }
            }
            default -> p.complete(cmd, StatusCode.INVALID_OPCODE.dnr(), 0);
        }
    }

    /** Identify (§5.15): CDW10 [7:0] CNS; 4096 bytes to PRP1/PRP2. */
    private int identify(Command cmd) {
        Sqe s = cmd.sqe;
        int cns = field(s.cdw(10), 7, 0);
        int nsid = s.nsid();
        long nn = c.namespaces.length - 1L;
        switch (cns) {
            case 0x00 -> {
                if (nsid == 0 || Integer.toUnsignedLong(nsid) > nn) {
                    return StatusCode.INVALID_NAMESPACE.dnr();
                }
                IdentifyData.namespace(buffer, c.namespaces[nsid]);
            }
            case 0x01 -> IdentifyData.controller(buffer, c.config(), (int) nn);
            case 0x02 -> {
                if (nsid == BROADCAST || nsid == BROADCAST - 1) {
                    return StatusCode.INVALID_NAMESPACE.dnr();
                }
                IdentifyData.activeNamespaces(buffer, c.namespaces, Integer.toUnsignedLong(nsid));
            }
            default -> {
                return StatusCode.INVALID_FIELD.dnr();
            }
        }
        return toHost(cmd, IdentifyData.BYTES, 0, IdentifyData.BYTES);
    }

    /** Set Features (§5.21): CDW10 [7:0] FID, [31] SV; CDW11 the value. */
    private void setFeatures(Command cmd) {
        Sqe s = cmd.sqe;
        int fid = field(s.cdw(10), 7, 0);
        int value = s.cdw(11);
        Features f = p.features;
        if (bit(s.cdw(10), 31)) {
            p.complete(cmd, StatusCode.FEATURE_NOT_SAVEABLE.dnr(), 0);
            return;
        }
        switch (fid) {
            case Features.ARBITRATION -> {
                f.arbitration = value;
                p.arbiter.configure(c.cc().ams() == Cc.AMS_WEIGHTED_ROUND_ROBIN && c.config().wrr(), f.ab(),
                        f.lpw(), f.mpw(), f.hpw());
                p.complete(cmd, Status.SUCCESS, 0);
            }
            case Features.NUMBER_OF_QUEUES -> numberOfQueues(cmd, value);
            case Features.INTERRUPT_COALESCING -> {
                f.coalescing = value & 0xffff;
                p.interrupts.coalescing(f.threshold(), f.time());
                p.complete(cmd, Status.SUCCESS, 0);
            }
            default -> p.complete(cmd, StatusCode.INVALID_FIELD.dnr(), 0);
        }
    }

    /**
     * Number of Queues (§5.21.1.7): 65535 requested is invalid; after an I/O queue exists the value may not change
     * (Command Sequence Error); the controller allocates up to what it has and keeps that until reset.
     */
    private void numberOfQueues(Command cmd, int value) {
        int nsqr = field(value, 15, 0);
        int ncqr = field(value, 31, 16);
        Features f = p.features;
        if (nsqr == 0xffff || ncqr == 0xffff) {
            p.complete(cmd, StatusCode.INVALID_FIELD.dnr(), 0);
            return;
        }
        if (queues.ioQueuesExist()) {
            p.complete(cmd, StatusCode.COMMAND_SEQUENCE_ERROR.dnr(), 0);
            return;
        }
        if (!f.queuesAllocated()) {
            int max = c.config().maxIoQueuePairs() - 1;
            f.nsqa = Math.min(nsqr, max);
            f.ncqa = Math.min(ncqr, max);
        }
        p.complete(cmd, Status.SUCCESS, f.nsqa | f.ncqa << 16);
    }

    /** Get Features (§5.13): CDW10 [7:0] FID, [10:8] SEL (current, default, saved, supported capabilities). */
    private void getFeatures(Command cmd) {
        int fid = field(cmd.sqe.cdw(10), 7, 0);
        int sel = field(cmd.sqe.cdw(10), 10, 8);
        Features f = p.features;
        boolean current = sel == 0;
        int max = c.config().maxIoQueuePairs() - 1;
        if (sel == 3) {
            boolean known = fid == Features.ARBITRATION || fid == Features.NUMBER_OF_QUEUES
                    || fid == Features.INTERRUPT_COALESCING;
            p.complete(cmd, known ? Status.SUCCESS : StatusCode.INVALID_FIELD.dnr(), known ? 0b100 : 0);
            return;
        }
        if (sel > 3) {
            p.complete(cmd, StatusCode.INVALID_FIELD.dnr(), 0);
            return;
        }
        switch (fid) {
            case Features.ARBITRATION -> p.complete(cmd, Status.SUCCESS,
                    current ? f.arbitration : Features.ARBITRATION_DEFAULT);
            case Features.NUMBER_OF_QUEUES -> p.complete(cmd, Status.SUCCESS,
                    current && f.queuesAllocated() ? f.nsqa | f.ncqa << 16 : max | max << 16);
            case Features.INTERRUPT_COALESCING -> p.complete(cmd, Status.SUCCESS, current ? f.coalescing : 0);
            default -> p.complete(cmd, StatusCode.INVALID_FIELD.dnr(), 0);
        }
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
                p.health.encode(buffer, c.now(), p.errorLog.total());
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
        if (length > c.config().maxTransferBytes()) {
            return StatusCode.INVALID_FIELD.dnr();
        }
        int status = toHost(cmd, length, (int) offset, size);
        if (status == Status.SUCCESS) {
            p.events.logPageRead(lid, retain);
        }
        return status;
    }

    /** Abort (§5.1): CDW10 [15:0] SQID, [31:16] CID. Dword 0 bit 0: 0 = aborted, 1 = not aborted. */
    private void abort(Command cmd) {
        int sqid = field(cmd.sqe.cdw(10), 15, 0);
        int cid = field(cmd.sqe.cdw(10), 31, 16);
        boolean aborted = p.abort(sqid, cid);
        p.complete(cmd, Status.SUCCESS, aborted ? 0 : 1);
    }

    /** Sends {@code length} bytes: the structure in {@link #buffer} from {@code from} up to {@code size}, then zeros. */
    private int toHost(Command cmd, long length, int from, int size) {
        int status = Prp.walk(c.memory(), cmd.sqe.prp1(), cmd.sqe.prp2(), length, c.pageSize(), cmd.segments);
        if (status != Status.SUCCESS) {
            return status;
        }
        return DataMover.structureToHost(buffer, from, (int) Math.min(length, size - from), cmd.segments,
                c.memory());
    }
}
