package org.sysmodels.nvme.model.command;

import org.sysmodels.core.random.Distribution;
import org.sysmodels.core.random.RandomStream;
import org.sysmodels.core.sched.Action;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.nvme.model.media.FaultKinds;
import org.sysmodels.nvme.model.media.ServiceModel;
import org.sysmodels.nvme.model.media.ServiceUnits;
import org.sysmodels.nvme.model.status.Status;
import org.sysmodels.nvme.model.status.StatusCode;

/**
 * The life of one fetched command as a state machine: one method per {@link CommandState}, each returning the next
 * state, with its transitions written as arrows (the shape of Firecracker's vCPU loop). Timers and the FIFO for the
 * internal units are here; posting the completion is {@link Completions}'.
 *
 * <p>Admin commands run after the admin service time and occupy no unit. I/O commands are validated at fetch, then
 * wait in FIFO order for one of the {@link ServiceModel}'s internal units, hold it for a time drawn from their
 * opcode's distribution, and, when the device has a link limit, move their data over the one shared link; their data
 * and faults are applied at the end. Abort (NVMe 1.4 §5.1) and SQ deletion (§5.6) take back a command that is waiting,
 * in service, or held.
 */
final class CommandFlow {

    private final Pipeline p;
    private final Scheduler scheduler;
    private final RandomStream serviceRandom;
    private final ServiceUnits units;
    private final CommandFifo waitingForUnit = new CommandFifo();
    private final Completions completions;
    private final AdminCommands admin;
    private final NvmCommands nvm;
    private final ServiceModel model;
    /** Per NVM opcode: its service-time distribution, and its value when fixed (sampling skipped), else -1. */
    private final Distribution[] serviceOf = new Distribution[256];
    private final long[] fixedService = new long[256];
    private final boolean stuckPlanned;
    private final boolean linkLimited;
    private long linkFreeAt;
    private final Action adminDue;
    private final Action serviceDone;
    private final Action transferDone;

    CommandFlow(Pipeline pipeline, RandomStream serviceRandom) {
        this.p = pipeline;
        this.scheduler = pipeline.scheduler;
        this.serviceRandom = serviceRandom;
        this.units = pipeline.units;
        this.completions = pipeline.completions;
        this.admin = new AdminCommands(pipeline);
        this.nvm = new NvmCommands(pipeline);
        this.model = pipeline.config.service();
        for (int op = 0; op < 256; op++) {
            serviceOf[op] = ServiceTimes.forOpcode(model, op);
            fixedService[op] = serviceOf[op] instanceof Distribution.Fixed f ? f.value() : -1;
        }
        this.stuckPlanned = pipeline.faults.planned(FaultKinds.STUCK_COMMAND);
        this.linkLimited = model.bandwidth() > 0;
        this.adminDue = index -> timer(index, CommandEvent.ADMIN_DUE);
        this.serviceDone = index -> timer(index, CommandEvent.SERVICE_DONE);
        this.transferDone = index -> timer(index, CommandEvent.TRANSFER_DONE);
    }

    /** Runs {@code e} for a command in whatever state it is in, and records its next state. */
    void on(Command cmd, CommandEvent e) {
        enter(cmd, switch (cmd.state) {
            case ADMIN_PENDING -> adminPending(cmd, e);
            case WAITING_FOR_UNIT -> waitingForUnit(cmd, e);
            case IN_SERVICE -> inService(cmd, e);
            case TRANSFERRING -> transferring(cmd, e);
            case HELD -> held(cmd, e);
            case FREE, FETCHED, WAITING_FOR_CQ -> cmd.state;
        });
    }

    /** A command's timer fired: the event applies only if the command still waits for it. */
    private void timer(long index, CommandEvent e) {
        Command cmd = p.pool.get((int) index);
        cmd.event = Scheduler.NO_EVENT;
        on(cmd, e);
    }

    private void enter(Command cmd, CommandState next) {
        cmd.state = next;
        if (next == CommandState.HELD) {
            // A newly held Asynchronous Event Request takes an event that was already waiting.
            p.events.deliver(this);
        }
    }

    // ------------------------------------------------------------------ one method per state

    /** A command was just fetched: where it goes first. */
    void fetched(Command cmd, long now) {
        enter(cmd, dispatch(cmd, now));
    }

    private CommandState dispatch(Command cmd, long now) {
        if (!cmd.sq.claimCid(cmd.cid())) {
            // Fetched ---- another command with this CID is inside ----> completes with Command ID Conflict
            cmd.ownsCid = false;
            return completions.complete(cmd, StatusCode.COMMAND_ID_CONFLICT.dnr(), 0);
        }
        cmd.ownsCid = true;
        if (cmd.sq.qid() == 0) {
            long t = p.config.service().admin().sample(serviceRandom);
            if (t == 0) {
                // Fetched ---- admin, no service time ----> executes now: completes, or Held (an AER)
                return executeAdmin(cmd);
            }
            // Fetched ---- admin ----> AdminPending
            cmd.event = scheduler.after(t, adminDue, cmd.index);
            return CommandState.ADMIN_PENDING;
        }
        int status = nvm.validate(cmd);
        if (status != Status.SUCCESS) {
            // Fetched ---- I/O, a field is invalid ----> completes with its status
            return completions.complete(cmd, status, 0);
        }
        int op = cmd.opcode();
        if (fixedService[op] == 0 && waitingForUnit.isEmpty() && !units.allBusy() && !stuckPlanned
                && !linkLimited) {
            // Fetched ---- I/O, no service time, a unit free, nobody waiting ----> executes now (occupying the unit
            // for no time changes nothing): completes
            cmd.startedAt = now;
            return completions.complete(cmd, nvm.execute(cmd), 0);
        }
        int unit = units.acquire(now);
        if (unit < 0) {
            // Fetched ---- I/O, every unit busy ----> WaitingForUnit
            waitingForUnit.add(cmd, now);
            return CommandState.WAITING_FOR_UNIT;
        }
        // Fetched ---- I/O, a unit free ----> InService (or Held, when the stuck-command fault takes it)
        return begin(cmd, unit, now);
    }

    private CommandState adminPending(Command cmd, CommandEvent e) {
        return switch (e) {
            // AdminPending ---- admin service time elapsed ----> executes: completes, or Held (an AER)
            case ADMIN_DUE -> p.processing ? executeAdmin(cmd) : cmd.state;
            // AdminPending ---- Abort ----> completes with Command Abort Requested
            case ABORT, SQ_DELETED -> {
                scheduler.cancel(cmd.event);
                yield withdrawn(cmd, e);
            }
            default -> cmd.state;
        };
    }

    private CommandState waitingForUnit(Command cmd, CommandEvent e) {
        return switch (e) {
            // WaitingForUnit ---- a unit is free ----> InService (or Held: the stuck-command fault)
            case UNIT_FREE -> begin(cmd, cmd.unit, p.now());
            // WaitingForUnit ---- Abort ----> completes
            case ABORT, SQ_DELETED -> {
                waitingForUnit.remove(cmd);
                yield withdrawn(cmd, e);
            }
            default -> cmd.state;
        };
    }

    private CommandState inService(Command cmd, CommandEvent e) {
        return switch (e) {
            case SERVICE_DONE -> serviceDone(cmd);
            // InService ---- Abort ----> completes (its unit goes to the next waiting command)
            case ABORT, SQ_DELETED -> {
                long now = p.now();
                scheduler.cancel(cmd.event);
                cmd.event = Scheduler.NO_EVENT;
                units.release(cmd.unit, now);
                cmd.unit = -1;
                nextWaiting(now);
                yield withdrawn(cmd, e);
            }
            default -> cmd.state;
        };
    }

    private CommandState serviceDone(Command cmd) {
        long now = p.now();
        units.release(cmd.unit, now);
        p.health.busyNanos += now - cmd.startedAt;
        p.trace.served(cmd, cmd.startedAt, now);
        cmd.unit = -1;
        int op = cmd.opcode();
        CommandState next;
        if (linkLimited && (op == Opcodes.READ || op == Opcodes.WRITE)) {
            // InService ---- media time elapsed, data to move over a limited link ----> Transferring (FIFO on the
            // link; the unit is free meanwhile)
            long start = Math.max(now, linkFreeAt);
            linkFreeAt = start + model.transferTime(cmd.segments.total());
            cmd.event = scheduler.at(linkFreeAt, transferDone, cmd.index);
            next = CommandState.TRANSFERRING;
        } else {
            // InService ---- media time elapsed ----> executes: completes
            next = completions.complete(cmd, nvm.execute(cmd), 0);
        }
        nextWaiting(now);
        return next;
    }

    private CommandState transferring(Command cmd, CommandEvent e) {
        // Transferring ---- its data crossed the link ----> executes: completes
        // (Abort does not reach it: the data is already on its way)
        return e == CommandEvent.TRANSFER_DONE ? completions.complete(cmd, nvm.execute(cmd), 0) : cmd.state;
    }

    private CommandState held(Command cmd, CommandEvent e) {
        return switch (e) {
            // Held ---- an asynchronous event (an AER) ----> completes with the event in Dword 0
            case EVENT_RAISED -> completions.complete(cmd, Status.SUCCESS, cmd.result);
            // Held ---- Abort ----> completes
            case ABORT, SQ_DELETED -> {
                p.events.remove(cmd);
                yield withdrawn(cmd, e);
            }
            default -> cmd.state;
        };
    }

    // ------------------------------------------------------------------ shared steps

    private CommandState executeAdmin(Command cmd) {
        int status = admin.execute(cmd);
        return status == AdminCommands.HELD ? CommandState.HELD : completions.complete(cmd, status, cmd.result);
    }

    /** On a unit now: its media time starts, unless the stuck-command fault loses it inside the firmware. */
    private CommandState begin(Command cmd, int unit, long now) {
        cmd.unit = unit;
        cmd.startedAt = now;
        if (stuckPlanned && cmd.namespace != null
                && p.faults.fires(FaultKinds.STUCK_COMMAND, FaultKinds.target(cmd.namespace.nsid()), now)) {
            // Lost inside the firmware: it frees its unit but never completes, unless aborted or reset.
            units.release(unit, now);
            cmd.unit = -1;
            nextWaiting(now);
            return CommandState.HELD;
        }
        int op = cmd.opcode();
        long t = fixedService[op] >= 0 ? fixedService[op] : serviceOf[op].sample(serviceRandom);
        if (t == 0) {
            return serviceDone(cmd);
        }
        cmd.event = scheduler.after(t, serviceDone, cmd.index);
        return CommandState.IN_SERVICE;
    }

    /** A unit is free: the longest-waiting command gets it. */
    private void nextWaiting(long now) {
        if (!waitingForUnit.isEmpty() && p.processing) {
            int unit = units.acquire(now);
            if (unit >= 0) {
                Command next = waitingForUnit.poll();
                next.unit = unit;
                on(next, CommandEvent.UNIT_FREE);
            }
        }
    }

    /** Taken back by Abort or SQ deletion: completes with the status that says which. */
    private CommandState withdrawn(Command cmd, CommandEvent e) {
        cmd.event = Scheduler.NO_EVENT;
        int status = e == CommandEvent.ABORT ? StatusCode.ABORT_REQUESTED.value()
                : StatusCode.ABORTED_SQ_DELETION.value();
        return completions.complete(cmd, status, 0);
    }

    /** Controller reset: the unit FIFO and the link are empty again. */
    void reset() {
        waitingForUnit.clear();
        linkFreeAt = 0;
    }
}
