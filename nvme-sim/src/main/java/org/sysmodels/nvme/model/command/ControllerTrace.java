package org.sysmodels.nvme.model.command;

import org.sysmodels.core.trace.Tracer;
import org.sysmodels.core.trace.Track;
import org.sysmodels.nvme.model.queue.CompletionQueue;
import org.sysmodels.nvme.model.queue.SubmissionQueue;
import org.sysmodels.nvme.model.register.ControllerState;

/**
 * The controller's tracks in a Perfetto trace: register writes and state changes, doorbell writes as instants, one
 * async slice per command from fetch to the posting of its CQE, one slice per command on the internal unit that
 * served it, and occupancy counters per queue. With tracing off every method returns at once.
 */
public final class ControllerTrace {

    private static final String PROCESS = "nvme controller";

    private final Tracer tracer;
    private final Track registers;
    private final Track doorbells;
    private final Track commands;
    private final Track[] units;
    private final Track queues;

    public ControllerTrace(Tracer tracer, int unitCount) {
        this.tracer = tracer;
        this.registers = tracer.track(PROCESS, "registers");
        this.doorbells = tracer.track(PROCESS, "doorbells");
        this.commands = tracer.track(PROCESS, "commands");
        this.queues = tracer.track(PROCESS, "queues");
        this.units = new Track[tracer.enabled() ? unitCount : 0];
        for (int u = 0; u < units.length; u++) {
            units[u] = tracer.track(PROCESS, "unit " + u);
        }
    }

    boolean on() {
        return tracer.enabled();
    }

    public void register(String name, long value, long now) {
        if (tracer.enabled()) {
            tracer.instant(registers, name + " write", now, "value", value);
        }
    }

    public void state(ControllerState s, int csts, long now) {
        if (tracer.enabled()) {
            tracer.instant(registers, s.getClass().getSimpleName(), now, "CSTS", csts);
            tracer.counter(registers, "CSTS.RDY", now, csts & 1);
        }
    }

    void doorbell(int qid, boolean cq, int value, long now) {
        if (tracer.enabled()) {
            tracer.instant(doorbells, cq ? "CQ head doorbell" : "SQ tail doorbell", now, "qid", qid, "value", value);
        }
    }

    void fetched(Command c, long now) {
        if (tracer.enabled()) {
            tracer.asyncBegin(commands, name(c), c.traceId, now, "sqid", c.sq.qid(), "cid", c.cid());
        }
    }

    void posted(Command c, long now) {
        if (tracer.enabled()) {
            tracer.asyncEnd(commands, name(c), c.traceId, now);
        }
    }

    void served(Command c, long start, long end) {
        if (tracer.enabled() && c.unit >= 0 && c.unit < units.length) {
            tracer.complete(units[c.unit], name(c), start, end, "cid", c.cid());
        }
    }

    void occupancy(SubmissionQueue sq, CompletionQueue cq, long now) {
        if (tracer.enabled()) {
            if (sq != null) {
                tracer.counter(queues, "SQ" + sq.qid() + " entries", now, sq.pending());
            }
            if (cq != null) {
                tracer.counter(queues, "CQ" + cq.qid() + " entries", now, cq.occupied());
            }
        }
    }

    private static String name(Command c) {
        return c.sq.qid() == 0 ? Opcodes.admin(c.opcode()) : Opcodes.nvm(c.opcode());
    }
}
