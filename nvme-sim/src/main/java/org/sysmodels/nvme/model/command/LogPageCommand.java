package org.sysmodels.nvme.model.command;

import static org.sysmodels.nvme.model.register.Bits.bit;
import static org.sysmodels.nvme.model.register.Bits.field;

import org.sysmodels.nvme.model.queue.Sqe;
import org.sysmodels.nvme.model.status.Status;
import org.sysmodels.nvme.model.status.StatusCode;

/**
 * Get Log Page (NVMe 1.4 §5.14): CDW10 [7:0] LID, [15] RAE, [31:16] NUMDL; CDW11 [15:0] NUMDU (NUMD is 0's based, in
 * dwords); CDW12–13 the byte offset, dword aligned. Bytes past the end of the page are returned as zeros. The pages:
 * 01h Error Information ({@link ErrorLog}), 02h SMART / Health Information ({@link HealthLog}; controller-wide only,
 * so NSID 0 or FFFFFFFFh) and 03h Firmware Slot Information (AFI byte 0: slot 1 active; FRS1 bytes 8–15: the
 * firmware revision of Identify FR). Another LID is Invalid Log Page.
 */
final class LogPageCommand {

    private static final int BROADCAST = 0xffff_ffff;
    static final int ERROR_INFORMATION = 0x01;
    static final int SMART_HEALTH = 0x02;
    static final int FIRMWARE_SLOT = 0x03;
    static final int FIRMWARE_SLOT_BYTES = 512;

    private final Pipeline p;
    private final byte[] buffer;

    LogPageCommand(Pipeline pipeline, byte[] buffer) {
        this.p = pipeline;
        this.buffer = buffer;
    }

    int execute(Command cmd) {
        Sqe s = cmd.sqe;
        int lid = field(s.cdw(10), 7, 0);
        boolean retain = bit(s.cdw(10), 15);
        long dwords = ((long) field(s.cdw(11), 15, 0) << 16 | field(s.cdw(10), 31, 16)) + 1;
        long offset = (s.cdw(12) & 0xffff_ffffL) | ((long) s.cdw(13) << 32);
        int size;
        switch (lid) {
            case ERROR_INFORMATION -> {
                p.errorLog.encode(buffer);
                size = p.errorLog.bytes();
            }
            case SMART_HEALTH -> {
                int nsid = s.nsid();
                if (nsid != 0 && nsid != BROADCAST) {
                    return StatusCode.INVALID_FIELD.dnr();
                }
                int warning = p.features.temperatureWarning(HealthLog.COMPOSITE_TEMPERATURE)
                        ? HealthLog.WARNING_TEMPERATURE : 0;
                p.health.encode(buffer, p.now(), p.errorLog.total(), warning);
                size = HealthLog.BYTES;
            }
            case FIRMWARE_SLOT -> {
                firmwareSlots(buffer);
                size = FIRMWARE_SLOT_BYTES;
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
        int status = AdminCommands.toHost(p, cmd, buffer, length, (int) offset, size);
        if (status == Status.SUCCESS) {
            p.events.logPageRead(lid, retain);
        }
        return status;
    }

    /** Firmware Slot Information: Active Firmware Info (slot 1 active, none pending), FRS1 = Identify FR. */
    private static void firmwareSlots(byte[] out) {
        java.util.Arrays.fill(out, 0, FIRMWARE_SLOT_BYTES, (byte) 0);
        out[0] = 1;
        java.util.Arrays.fill(out, 8, 16, (byte) ' ');
        byte[] fr = IdentifyData.FIRMWARE_REVISION.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(fr, 0, out, 8, fr.length);
    }
}
