package org.sysmodels.vcpu.model.kvm;

import org.sysmodels.vcpu.model.isa.Hart;

/**
 * The SBI calls KVM answers itself (RISC-V SBI specification v2.0; Linux {@code arch/riscv/kvm/vcpu_sbi*.c}): Base
 * (probe, versions), HSM (start, stop and query harts) and System Reset (which KVM turns into a
 * KVM_EXIT_SYSTEM_EVENT). The legacy console calls (extension 0x01 putchar, 0x02 getchar) and the Debug Console
 * extension (DBCN) are forwarded to the VMM as KVM_EXIT_RISCV_SBI, as KVM forwards them ({@code uexit}); any other
 * extension gets SBI_ERR_NOT_SUPPORTED.
 */
final class Sbi {

    static final long EXT_LEGACY_PUTCHAR = 0x01;
    static final long EXT_LEGACY_GETCHAR = 0x02;
    static final long EXT_BASE = 0x10;
    static final long EXT_HSM = 0x48534D;
    static final long EXT_SRST = 0x53525354;
    static final long EXT_DBCN = 0x4442434E;

    static final long SUCCESS = 0;
    static final long ERR_NOT_SUPPORTED = -2;
    static final long ERR_INVALID_PARAM = -3;
    static final long ERR_ALREADY_AVAILABLE = -6;

    static final int HSM_STARTED = 0;
    static final int HSM_STOPPED = 1;

    /** KVM's SBI implementation id (KVM_SBI_IMPID). */
    static final long KVM_SBI_IMPID = 3;

    /** What an ecall leads to. */
    enum Outcome {
        /** Answered in the kernel: a0/a1 set, pc past the ecall; the guest goes on. */
        HANDLED,
        /** The VMM must answer: KVM_EXIT_RISCV_SBI. */
        FORWARD,
        /** KVM_EXIT_SYSTEM_EVENT (run.systemEvent* filled). */
        SYSTEM_EVENT,
        /** This hart stopped itself (hart_stop): it waits to be started again. */
        STOPPED
    }

    private Sbi() {
    }

    static Outcome call(KvmVcpu vcpu, KvmRun run) {
        Hart h = vcpu.hart();
        long eid = h.x[17];
        long fid = h.x[16];
        long a0 = h.x[10];
        long a1 = h.x[11];
        long a2 = h.x[12];
        if (eid == EXT_LEGACY_PUTCHAR || eid == EXT_LEGACY_GETCHAR || eid == EXT_DBCN) {
            run.sbiExtensionId = eid;
            run.sbiFunctionId = fid;
            for (int k = 0; k < 6; k++) {
                run.sbiArgs[k] = h.x[10 + k];
            }
            run.sbiRet[0] = ERR_NOT_SUPPORTED;
            run.sbiRet[1] = 0;
            return Outcome.FORWARD;
        }
        if (eid == EXT_SRST && fid == 0) {
            if (a0 < 0 || a0 > 2 || a1 < 0 || a1 > 1) {
                return ret(h, ERR_INVALID_PARAM, 0);
            }
            vcpu.vm().stopAllVcpus();
            run.systemEventType = a0 == 0 ? ExitReason.SYSTEM_EVENT_SHUTDOWN : ExitReason.SYSTEM_EVENT_RESET;
            run.systemEventNdata = 1;
            run.systemEventData0 = a1;
            return Outcome.SYSTEM_EVENT;
        }
        if (eid == EXT_HSM) {
            return hsm(vcpu, fid, a0, a1, a2);
        }
        if (eid == EXT_BASE) {
            return switch ((int) fid) {
                case 0 -> ret(h, SUCCESS, 2L << 24);          // specification version 2.0
                case 1 -> ret(h, SUCCESS, KVM_SBI_IMPID);
                case 2 -> ret(h, SUCCESS, 1);
                case 3 -> ret(h, SUCCESS, supported(a0) ? 1 : 0);
                case 4, 5, 6 -> ret(h, SUCCESS, 0);            // mvendorid, marchid, mimpid
                default -> ret(h, ERR_NOT_SUPPORTED, 0);
            };
        }
        return ret(h, ERR_NOT_SUPPORTED, 0);
    }

    private static boolean supported(long eid) {
        return eid == EXT_BASE || eid == EXT_HSM || eid == EXT_SRST || eid == EXT_DBCN
                || eid == EXT_LEGACY_PUTCHAR || eid == EXT_LEGACY_GETCHAR;
    }

    private static Outcome hsm(KvmVcpu vcpu, long fid, long a0, long a1, long a2) {
        Hart h = vcpu.hart();
        KvmVm vm = vcpu.vm();
        switch ((int) fid) {
            case 0 -> { // hart_start(hartid, start_addr, opaque)
                if (a0 < 0 || a0 >= vm.vcpuCount()) {
                    return ret(h, ERR_INVALID_PARAM, 0);
                }
                KvmVcpu target = vm.vcpu((int) a0);
                if (!target.startHart(a1, a2)) {
                    return ret(h, ERR_ALREADY_AVAILABLE, 0);
                }
                return ret(h, SUCCESS, 0);
            }
            case 1 -> { // hart_stop()
                h.pc += 4;
                vcpu.powerOff();
                return Outcome.STOPPED;
            }
            case 2 -> { // hart_get_status(hartid)
                if (a0 < 0 || a0 >= vm.vcpuCount()) {
                    return ret(h, ERR_INVALID_PARAM, 0);
                }
                return ret(h, SUCCESS, vm.vcpu((int) a0).hsmStatus());
            }
            default -> {
                return ret(h, ERR_NOT_SUPPORTED, 0);
            }
        }
    }

    private static Outcome ret(Hart h, long error, long value) {
        h.x[10] = error;
        h.x[11] = value;
        h.pc += 4;
        return Outcome.HANDLED;
    }
}
