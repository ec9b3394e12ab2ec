package org.sysmodels.nvme.model.command;

import static org.sysmodels.nvme.model.register.Bits.bit;
import static org.sysmodels.nvme.model.register.Bits.field;

import org.sysmodels.nvme.model.status.Status;
import org.sysmodels.nvme.model.status.StatusCode;

/**
 * Set Features (NVMe 1.4 §5.21) and Get Features (§5.13) for the features in {@link Features}; CDW10 [7:0] FID,
 * Set's CDW10 [31] SV (nothing is saveable: Feature Identifier Not Saveable), Get's CDW10 [10:8] SEL (000b current,
 * 001b default, 010b saved — the default, as nothing is saved —, 011b supported capabilities: bit 1 namespace specific,
 * bit 2 changeable). The command's NSID is checked in QEMU's order: a namespace-specific feature takes an active NSID
 * (Invalid Namespace or Format if the NSID is not valid, Invalid Field in Command if it is not active) or, for Set,
 * the broadcast NSID; any other feature takes 0 or the broadcast NSID, else Feature Not Namespace Specific.
 */
final class FeatureCommands {

    private static final int BROADCAST = 0xffff_ffff;
    private static final int CHANGEABLE = 0b100;
    private static final int NAMESPACE_SPECIFIC = 0b010;

    private final Pipeline p;
    private final QueueCommands queues;

    FeatureCommands(Pipeline pipeline, QueueCommands queues) {
        this.p = pipeline;
        this.queues = queues;
    }

    /** Set Features (§5.21): CDW11 the value. */
    int set(Command cmd) {
        int cdw10 = cmd.sqe.cdw(10);
        int fid = field(cdw10, 7, 0);
        int value = cmd.sqe.cdw(11);
        if (bit(cdw10, 31)) {
            return StatusCode.FEATURE_NOT_SAVEABLE.dnr();
        }
        if (!Features.supported(fid)) {
            return StatusCode.INVALID_FIELD.dnr();
        }
        int nsid = cmd.sqe.nsid();
        int nsStatus = namespaceCheck(fid, nsid, true);
        if (nsStatus != Status.SUCCESS) {
            return nsStatus;
        }
        Features f = p.features;
        return switch (fid) {
            case Features.ARBITRATION -> {
                f.arbitration = value;
                p.arbiter.configure(p.weighted, f.ab(), f.lpw(), f.mpw(), f.hpw());
                yield Status.SUCCESS;
            }
            case Features.POWER_MANAGEMENT -> powerManagement(value);
            case Features.TEMPERATURE_THRESHOLD -> temperatureThreshold(value);
            case Features.ERROR_RECOVERY -> errorRecovery(nsid, value);
            case Features.NUMBER_OF_QUEUES -> numberOfQueues(cmd, value);
            case Features.INTERRUPT_COALESCING -> {
                f.coalescing = value & 0xffff;
                p.interrupts.coalescing(f.threshold(), f.time());
                yield Status.SUCCESS;
            }
            case Features.INTERRUPT_VECTOR_CONFIGURATION -> {
                int iv = field(value, 15, 0);
                if (iv >= p.interrupts.vectors()) {
                    yield StatusCode.INVALID_FIELD.dnr();
                }
                p.interrupts.coalescingDisabled(iv, bit(value, 16));
                yield Status.SUCCESS;
            }
            case Features.WRITE_ATOMICITY_NORMAL -> {
                f.writeAtomicityNormal = value & 1;
                yield Status.SUCCESS;
            }
            default -> {
                // Asynchronous Event Configuration: only the SMART / Health Critical Warnings exist here.
                f.asyncEventConfiguration = value & Features.SMART_WARNINGS;
                yield Status.SUCCESS;
            }
        };
    }

    /** Power Management (§5.21.1.2): PS beyond NPSS (0: one power state) is Invalid Field in Command. */
    private int powerManagement(int value) {
        if (field(value, 4, 0) > IdentifyData.NPSS_VALUE) {
            return StatusCode.INVALID_FIELD.dnr();
        }
        p.features.powerManagement = value & 0xff;
        return Status.SUCCESS;
    }

    /**
     * Temperature Threshold (§5.21.1.4): only the Composite Temperature (TMPSEL 0) exists; THSEL 10b and 11b are
     * reserved. When the new threshold puts the temperature at or beyond it, SMART / Health Critical Warning bit 1
     * is set and, if the Asynchronous Event Configuration enables that bit, an event of type SMART / Health Status
     * with information Temperature Threshold is raised (§5.2.1).
     */
    private int temperatureThreshold(int value) {
        int kelvins = field(value, 15, 0);
        int tmpsel = field(value, 19, 16);
        int thsel = field(value, 21, 20);
        if (tmpsel != 0 || thsel > 1) {
            return StatusCode.INVALID_FIELD.dnr();
        }
        Features f = p.features;
        boolean before = f.temperatureWarning(HealthLog.COMPOSITE_TEMPERATURE);
        if (thsel == 0) {
            f.overTemperature = kelvins;
        } else {
            f.underTemperature = kelvins;
        }
        if (!before && f.temperatureWarning(HealthLog.COMPOSITE_TEMPERATURE)
                && (f.asyncEventConfiguration & HealthLog.WARNING_TEMPERATURE) != 0) {
            p.events.raise(AsyncEvent.dw0(AsyncEvent.TYPE_SMART, AsyncEvent.TEMPERATURE_THRESHOLD,
                    AsyncEvent.LOG_SMART_HEALTH));
        }
        return Status.SUCCESS;
    }

    /**
     * Error Recovery (§5.21.1.5), per namespace or for all with the broadcast NSID: TLER is kept; DULBE = 1 is Invalid
     * Field in Command, as no namespace here reports Deallocated or Unwritten Logical Block errors (NSFEAT bit 2).
     */
    private int errorRecovery(int nsid, int value) {
        if (bit(value, 16)) {
            return StatusCode.INVALID_FIELD.dnr();
        }
        int tler = field(value, 15, 0);
        int[] all = p.features.timeLimitedErrorRecovery;
        for (int id = 1; id < all.length; id++) {
            if (p.namespaces[id] != null && (nsid == BROADCAST || nsid == id)) {
                all[id] = tler;
            }
        }
        return Status.SUCCESS;
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

    /** Get Features (§5.13): the value in Dword 0 of the completion. */
    int get(Command cmd) {
        int fid = field(cmd.sqe.cdw(10), 7, 0);
        int sel = field(cmd.sqe.cdw(10), 10, 8);
        int cdw11 = cmd.sqe.cdw(11);
        if (!Features.supported(fid) || sel > 3) {
            return StatusCode.INVALID_FIELD.dnr();
        }
        int nsid = cmd.sqe.nsid();
        int nsStatus = namespaceCheck(fid, nsid, false);
        if (nsStatus != Status.SUCCESS) {
            return nsStatus;
        }
        if (sel == 3) {
            cmd.result = CHANGEABLE | (Features.namespaceSpecific(fid) ? NAMESPACE_SPECIFIC : 0);
            return Status.SUCCESS;
        }
        boolean current = sel == 0;
        Features f = p.features;
        int max = p.config.maxIoQueuePairs() - 1;
        switch (fid) {
            case Features.ARBITRATION -> cmd.result = current ? f.arbitration : Features.ARBITRATION_DEFAULT;
            case Features.POWER_MANAGEMENT -> cmd.result = current ? f.powerManagement : 0;
            case Features.TEMPERATURE_THRESHOLD -> {
                int tmpsel = field(cdw11, 19, 16);
                int thsel = field(cdw11, 21, 20);
                if (tmpsel != 0 || thsel > 1) {
                    return StatusCode.INVALID_FIELD.dnr();
                }
                int over = current ? f.overTemperature : IdentifyData.WCTEMP_KELVINS;
                int under = current ? f.underTemperature : 0;
                cmd.result = thsel == 0 ? over : under;
            }
            case Features.ERROR_RECOVERY -> cmd.result = current ? f.timeLimitedErrorRecovery[nsid] : 0;
            case Features.NUMBER_OF_QUEUES -> cmd.result = current && f.queuesAllocated() ? f.nsqa | f.ncqa << 16
                    : max | max << 16;
            case Features.INTERRUPT_COALESCING -> cmd.result = current ? f.coalescing : 0;
            case Features.INTERRUPT_VECTOR_CONFIGURATION -> {
                int iv = field(cdw11, 15, 0);
                if (iv >= p.interrupts.vectors()) {
                    return StatusCode.INVALID_FIELD.dnr();
                }
                cmd.result = iv | (current && p.interrupts.coalescingDisabled(iv) ? 1 << 16 : 0);
            }
            case Features.WRITE_ATOMICITY_NORMAL -> cmd.result = current ? f.writeAtomicityNormal : 0;
            default -> cmd.result = current ? f.asyncEventConfiguration : 0;
        }
        return Status.SUCCESS;
    }

    private int namespaceCheck(int fid, int nsid, boolean set) {
        long nn = p.namespaces.length - 1L;
        boolean valid = nsid != 0 && Integer.toUnsignedLong(nsid) <= nn;
        if (Features.namespaceSpecific(fid)) {
            if (set && nsid == BROADCAST) {
                return Status.SUCCESS;
            }
            if (!valid) {
                return StatusCode.INVALID_NAMESPACE.dnr();
            }
            return p.namespaces[nsid] == null ? StatusCode.INVALID_FIELD.dnr() : Status.SUCCESS;
        }
        if (nsid == 0 || nsid == BROADCAST) {
            return Status.SUCCESS;
        }
        return valid ? StatusCode.FEATURE_NOT_NAMESPACE_SPECIFIC.dnr() : StatusCode.INVALID_NAMESPACE.dnr();
    }
}
