package org.sysmodels.nvme.model.memory;

import org.sysmodels.nvme.model.status.Status;
import org.sysmodels.nvme.model.status.StatusCode;

/**
 * Walks Physical Region Page entries into {@link Segments} (NVMe 1.4 §4.3 Physical Region Page Entry and List).
 *
 * <ul>
 *   <li>PRP1 addresses the first page and may carry an offset into it, which must be dword aligned.
 *   <li>If the transfer ends within the page after that, PRP2 is not used. If it ends within the next page, PRP2 is
 *       that page's address and must have no offset.
 *   <li>Otherwise PRP2 points to a PRP list (qword aligned; it may start part-way into its page). Each list entry is
 *       the address of a whole page, without offset. When more entries are needed than fit before the end of the
 *       list's page, the page's last entry points to the next list instead.
 * </ul>
 * A violated alignment rule completes the command with PRP Offset Invalid; a list outside host memory with Data
 * Transfer Error. All lengths are bytes; {@code pageSize} is the memory page size selected by CC.MPS.
 */
public final class Prp {

    private Prp() {
    }

    /** Fills {@code out} with the buffer described by prp1/prp2. @return a status field value (SUCCESS or the error) */
    public static int walk(Dma dma, long prp1, long prp2, long length, int pageSize, Segments out) {
        out.clear();
        if (length == 0) {
            return Status.SUCCESS;
        }
        long pageMask = pageSize - 1L;
        if ((prp1 & 3) != 0) {
            return StatusCode.INVALID_PRP_OFFSET.dnr();
        }
        int first = (int) Math.min(length, pageSize - (prp1 & pageMask));
        if (!out.add(prp1, first)) {
            return StatusCode.INVALID_FIELD.dnr();
        }
        long remaining = length - first;
        if (remaining == 0) {
            return Status.SUCCESS;
        }
        if (remaining <= pageSize) {
            if ((prp2 & pageMask) != 0) {
                return StatusCode.INVALID_PRP_OFFSET.dnr();
            }
            return out.add(prp2, (int) remaining) ? Status.SUCCESS : StatusCode.INVALID_FIELD.dnr();
        }
        return walkList(dma, prp2, remaining, pageSize, out);
    }

    private static int walkList(Dma dma, long list, long remaining, int pageSize, Segments out) {
        long pageMask = pageSize - 1L;
        if ((list & 7) != 0) {
            return StatusCode.INVALID_PRP_OFFSET.dnr();
        }
        long entriesLeft = (pageSize - (list & pageMask)) / 8;
        while (remaining > 0) {
            if (!dma.inRange(list, 8)) {
                return StatusCode.DATA_TRANSFER_ERROR.value();
            }
            long entry = dma.read64(list);
            if (entriesLeft == 1 && remaining > pageSize) {
                // The page's last entry chains to the next list.
                if ((entry & 7) != 0) {
                    return StatusCode.INVALID_PRP_OFFSET.dnr();
                }
                list = entry;
                entriesLeft = (pageSize - (list & pageMask)) / 8;
                continue;
            }
            if ((entry & pageMask) != 0) {
                return StatusCode.INVALID_PRP_OFFSET.dnr();
            }
            int n = (int) Math.min(remaining, pageSize);
            if (!out.add(entry, n)) {
                return StatusCode.INVALID_FIELD.dnr();
            }
            remaining -= n;
            list += 8;
            entriesLeft--;
        }
        return Status.SUCCESS;
    }

    /** How many PRP list entries (data pages after the first, excluding chain entries) a transfer needs. */
    public static int listEntries(long firstOffset, long length, int pageSize) {
        long first = Math.min(length, pageSize - firstOffset);
        long rest = length - first;
        return (int) ((rest + pageSize - 1) / pageSize);
    }
}
