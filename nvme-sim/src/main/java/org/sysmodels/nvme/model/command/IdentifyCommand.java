package org.sysmodels.nvme.model.command;

import static org.sysmodels.nvme.model.register.Bits.field;

import org.sysmodels.nvme.model.queue.Sqe;
import org.sysmodels.nvme.model.status.StatusCode;

/**
 * Identify (NVMe 1.4 §5.15): CDW10 [7:0] CNS; 4096 bytes to PRP1/PRP2. CNS 00h Identify Namespace (NSID 0 or above
 * NN: Invalid Namespace or Format; an inactive NSID returns zeros), 01h Identify Controller, 02h Active Namespace ID
 * list (NSIDs above the command's; FFFFFFFEh and FFFFFFFFh are invalid), 03h Namespace Identification Descriptor list
 * (checked in QEMU's order: NSID 0, above NN or broadcast → Invalid Namespace or Format; inactive → Invalid Field in
 * Command). Any other CNS is Invalid Field in Command.
 */
final class IdentifyCommand {

    private static final int BROADCAST = 0xffff_ffff;

    private final Pipeline p;
    private final byte[] buffer;

    IdentifyCommand(Pipeline pipeline, byte[] buffer) {
        this.p = pipeline;
        this.buffer = buffer;
    }

    int execute(Command cmd) {
        Sqe s = cmd.sqe;
        int cns = field(s.cdw(10), 7, 0);
        int nsid = s.nsid();
        long nn = p.namespaces.length - 1L;
        boolean inRange = nsid != 0 && Integer.toUnsignedLong(nsid) <= nn;
        switch (cns) {
            case 0x00 -> {
                if (!inRange) {
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
            case 0x03 -> {
                if (!inRange) {
                    return StatusCode.INVALID_NAMESPACE.dnr();
                }
                if (p.namespaces[nsid] == null) {
                    return StatusCode.INVALID_FIELD.dnr();
                }
                IdentifyData.namespaceDescriptors(buffer, p.namespaces[nsid]);
            }
            default -> {
                return StatusCode.INVALID_FIELD.dnr();
            }
        }
        return AdminCommands.toHost(p, cmd, buffer, IdentifyData.BYTES, 0, IdentifyData.BYTES);
    }
}
