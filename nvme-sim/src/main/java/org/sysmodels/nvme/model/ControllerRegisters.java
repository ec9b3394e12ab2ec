package org.sysmodels.nvme.model;

import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.nvme.model.command.ControllerTrace;
import org.sysmodels.nvme.model.command.IdentifyData;
import org.sysmodels.nvme.model.command.Pipeline;
import org.sysmodels.nvme.model.register.Aqa;
import org.sysmodels.nvme.model.register.Cap;
import org.sysmodels.nvme.model.register.Cc;
import org.sysmodels.nvme.model.register.ControllerState;
import org.sysmodels.nvme.model.register.Csts;
import org.sysmodels.nvme.model.register.Lifecycle;
import org.sysmodels.nvme.model.register.LifecycleEvent;
import org.sysmodels.nvme.model.register.Registers;

/**
 * The controller registers of BAR0 below the doorbells (NVMe 1.4 §3.1 Register Definition): CAP, VS, INTMS/INTMC, CC,
 * CSTS, NSSR, AQA, ASQ and ACQ, their values, what a read returns, and what a write sets off: a CC write is a
 * {@link LifecycleEvent.CcWritten}, "NVMe" written to NSSR a {@link LifecycleEvent.SubsystemReset} (§3.1.7). CSTS is
 * not stored: RDY, CFS and SHST are read from the {@link Lifecycle}'s state, NSSRO from here. The doorbells, the hot
 * registers, are the {@link Controller}'s own.
 */
final class ControllerRegisters {

    private final Cap cap;
    private final Lifecycle lifecycle;
    private final Pipeline pipeline;
    private final ControllerTrace trace;
    private final Scheduler scheduler;

    private Cc cc = Cc.decode(0);
    private int ccValue;
    private int intms;
    private int aqa;
    private long asq;
    private long acq;
    private boolean nssro;
    private long resets;

    ControllerRegisters(Cap cap, Lifecycle lifecycle, Pipeline pipeline, ControllerTrace trace, Scheduler scheduler) {
        this.cap = cap;
        this.lifecycle = lifecycle;
        this.pipeline = pipeline;
        this.trace = trace;
        this.scheduler = scheduler;
    }

    int read32(int offset) {
        return switch (offset) {
            case Registers.CAP -> (int) cap.encode();
            case Registers.CAP + 4 -> (int) (cap.encode() >>> 32);
            case Registers.VS -> IdentifyData.VERSION;
            case Registers.INTMS, Registers.INTMC -> intms;
            case Registers.CC -> ccValue;
            case Registers.CSTS -> csts();
            case Registers.AQA -> aqa;
            case Registers.ASQ -> (int) asq;
            case Registers.ASQ + 4 -> (int) (asq >>> 32);
            case Registers.ACQ -> (int) acq;
            case Registers.ACQ + 4 -> (int) (acq >>> 32);
            default -> 0;
        };
    }

    long read64(int offset) {
        return switch (offset) {
            case Registers.CAP -> cap.encode();
            case Registers.ASQ -> asq;
            case Registers.ACQ -> acq;
            default -> (read32(offset) & 0xffff_ffffL) | ((long) read32(offset + 4) << 32);
        };
    }

    /** A 32-bit write below the doorbells; read-only and undefined offsets are ignored. */
    void write32(int offset, int value) {
        switch (offset) {
            case Registers.INTMS -> intms |= value;
            case Registers.INTMC -> intms &= ~value;
            case Registers.CC -> ccWrite(value);
            case Registers.CSTS -> nssro &= (value & Csts.NSSRO) == 0;
            case Registers.NSSR -> nssrWrite(value);
            case Registers.AQA -> aqa = value & 0x0fff_0fff;
            case Registers.ASQ -> asq = (asq & 0xffff_ffff_0000_0000L) | (value & 0xffff_ffffL);
            case Registers.ASQ + 4 -> asq = (asq & 0xffff_ffffL) | ((long) value << 32);
            case Registers.ACQ -> acq = (acq & 0xffff_ffff_0000_0000L) | (value & 0xffff_ffffL);
            case Registers.ACQ + 4 -> acq = (acq & 0xffff_ffffL) | ((long) value << 32);
            default -> {
                // Read-only (CAP, VS) or undefined: ignored.
            }
        }
        if (offset != Registers.CC) {
            trace.register(Registers.name(offset, 0), value & 0xffff_ffffL, scheduler.now());
        }
    }

    /** A 64-bit write of ASQ or ACQ, the two 64-bit registers the host writes. */
    void writeQueueBase(int offset, long value) {
        if (offset == Registers.ASQ) {
            asq = value;
        } else {
            acq = value;
        }
        trace.register(Registers.name(offset, 0), value, scheduler.now());
    }

    /** CSTS as the host reads it. */
    int csts() {
        ControllerState s = lifecycle.state();
        int v = (s.rdy() ? Csts.RDY : 0) | (s.cfs() ? Csts.CFS : 0) | (s.shst() << 2);
        return nssro ? v | Csts.NSSRO : v;
    }

    private void ccWrite(int value) {
        Cc before = cc;
        if (before.en() && !Cc.decode(value).en()) {
            resets++;
        }
        cc = Cc.decode(value);
        ccValue = value;
        pipeline.entrySizes(cc.iosqes(), cc.iocqes());
        trace.register("CC", value & 0xffff_ffffL, scheduler.now());
        lifecycle.handle(new LifecycleEvent.CcWritten(before, cc));
    }

    private void nssrWrite(int value) {
        if (value == Registers.NSSR_RESET && cap.nssrs()) {
            lifecycle.handle(new LifecycleEvent.SubsystemReset());
        }
    }

    Cc cc() {
        return cc;
    }

    int aqa() {
        return aqa;
    }

    long asq() {
        return asq;
    }

    long acq() {
        return acq;
    }

    /** Creates the admin queues from AQA, ASQ and ACQ, with CC's arbitration mechanism and page size. */
    void createAdminQueues() {
        pipeline.createAdminQueues(asq, Aqa.asqs(aqa) + 1, acq, Aqa.acqs(aqa) + 1,
                cc.ams() == Cc.AMS_WEIGHTED_ROUND_ROBIN && cap.wrrSupported(), cc.pageSize());
    }

    /** Controller Level Reset: the interrupt mask clears. */
    void reset() {
        intms = 0;
    }

    /** NVM subsystem reset: the registers' power-on values, NSSRO set. */
    void powerOn() {
        cc = Cc.decode(0);
        ccValue = 0;
        pipeline.entrySizes(0, 0);
        aqa = 0;
        asq = 0;
        acq = 0;
        nssro = true;
    }

    /** Controller resets the host asked for (CC.EN written 1→0) since power-on. */
    long resets() {
        return resets;
    }
}
