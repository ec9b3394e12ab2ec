package org.sysmodels.nvme.model.command;

import static org.sysmodels.nvme.model.register.Bits.field;

import org.sysmodels.nvme.model.memory.DataMover;
import org.sysmodels.nvme.model.memory.Prp;
import org.sysmodels.nvme.model.queue.Sqe;
import org.sysmodels.nvme.model.status.Status;
import org.sysmodels.nvme.model.status.StatusCode;

/**
 * The admin command set this controller implements (NVMe 1.4 §5), dispatched by opcode: Abort (§5.1) and
 * Asynchronous Event Request (§5.2) here; Create/Delete I/O CQ and SQ (§5.3–5.6) in {@link QueueCommands}; Get
 * Features and Set Features (§5.13, §5.21) in {@link FeatureCommands}; Get Log Page (§5.14) in
 * {@link LogPageCommand}; Identify (§5.15) in {@link IdentifyCommand}. Fused operations and SGLs (PSDT other than
 * 00b) are Invalid Field in Command; any other opcode, Firmware Commit and Firmware Image Download among them (Identify
 * OACS reports them unsupported), is Invalid Command Opcode.
 */
final class AdminCommands {

    /** What {@link #execute} returns for an Asynchronous Event Request that stays inside, waiting for an event. */
    static final int HELD = -1;

    private final Pipeline p;
    private final QueueCommands queues;
    private final FeatureCommands features;
    private final LogPageCommand logPages;
    private final IdentifyCommand identify;

    AdminCommands(Pipeline pipeline) {
        this.p = pipeline;
        this.queues = new QueueCommands(pipeline);
        this.features = new FeatureCommands(pipeline, queues);
        byte[] buffer = new byte[Math.max(IdentifyData.BYTES, pipeline.config.errorLogEntries() * ErrorLog.ENTRY)];
        this.logPages = new LogPageCommand(pipeline, buffer);
        this.identify = new IdentifyCommand(pipeline, buffer);
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
            case Opcodes.IDENTIFY -> identify.execute(cmd);
            case Opcodes.SET_FEATURES -> features.set(cmd);
            case Opcodes.GET_FEATURES -> features.get(cmd);
            case Opcodes.GET_LOG_PAGE -> logPages.execute(cmd);
            case Opcodes.ABORT -> abort(cmd);
            case Opcodes.ASYNC_EVENT_REQUEST -> {
                int status = p.events.submit(cmd);
                yield status == Status.SUCCESS ? HELD : status;
            }
            default -> StatusCode.INVALID_OPCODE.dnr();
        };
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

    /**
     * Sends {@code length} bytes to the command's PRP1/PRP2: the structure in {@code buffer} from {@code from} up to
     * {@code size}, then zeros.
     */
    static int toHost(Pipeline p, Command cmd, byte[] buffer, long length, int from, int size) {
        int status = Prp.walk(p.dma, cmd.sqe.prp1(), cmd.sqe.prp2(), length, p.pageSize, cmd.segments);
        if (status != Status.SUCCESS) {
            return status;
        }
        return DataMover.structureToHost(buffer, from, (int) Math.min(length, size - from), cmd.segments, p.dma);
    }
}
