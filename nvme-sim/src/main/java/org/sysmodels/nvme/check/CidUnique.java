package org.sysmodels.nvme.check;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.nvme.model.register.ControllerState;

/**
 * A command identifier is unique among a submission queue's commands in flight: tracked per SQ from fetch to CQE,
 * independently of the controller's own Command ID Conflict check.
 */
public final class CidUnique implements NvmeCheck {

    public static final Rule RULE = new Rule("cid-unique", "the Command Identifier, with the Submission Queue "
            + "identifier, is unique among the commands outstanding on that queue",
            "NVM Express Base Specification 1.4, §4.2 (Command Dword 0, CID)");

    private final Findings findings;
    private final long[][] cids = new long[1 << 16][];
    /** (sqid, cid) fetched again while in flight: their CQEs are not the first one's. */
    private final Map<Long, Integer> duplicates = new HashMap<>();

    public CidUnique(Findings findings) {
        this.findings = findings;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public void fetched(int sqid, int cid, int opcode, long now) {
        long[] bits = cids[sqid];
        if (bits == null) {
            bits = new long[1024];
            cids[sqid] = bits;
        }
        long bit = 1L << cid;
        if ((bits[cid >>> 6] & bit) != 0) {
            duplicates.merge(key(sqid, cid), 1, Integer::sum);
            findings.violation(RULE, "SQ " + sqid + " has two commands with CID " + cid
                    + " in flight; a CID must be unique among a queue's outstanding commands", now, "SQ " + sqid);
            return;
        }
        bits[cid >>> 6] |= bit;
    }

    @Override
    public void posted(int cqid, int sqid, int cid, int status, long now) {
        if (!duplicates.isEmpty()) {
            Long k = key(sqid, cid);
            Integer dup = duplicates.get(k);
            if (dup != null) {
                if (dup == 1) {
                    duplicates.remove(k);
                } else {
                    duplicates.put(k, dup - 1);
                }
                return;
            }
        }
        long[] bits = cids[sqid];
        if (bits != null) {
            bits[cid >>> 6] &= ~(1L << cid);
        }
    }

    /** A reset or a fatal error abandons every command inside: their CIDs are free again. */
    @Override
    public void stateChanged(ControllerState before, ControllerState after, long now) {
        if (Abandon.everything(after)) {
            Arrays.fill(cids, null);
            duplicates.clear();
        }
    }

    private static long key(int sqid, int cid) {
        return (long) sqid << 16 | cid;
    }
}
