package org.sysmodels.nvme.scenario;

import org.sysmodels.core.scenario.SizeDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.sysmodels.core.scenario.InvalidFieldException;
import org.sysmodels.core.scenario.Range;

/** A namespace in a scenario: {@code {"nsid": 1, "lbaSize": 4096, "capacity": "1GiB"}}. */
public record NamespaceEntry(
        @Range(min = 1, max = 1024) Integer nsid,
        Integer lbaSize,
        @JsonDeserialize(using = SizeDeserializer.class) @Range(min = 4096, max = 1L << 44) Long capacity) {

    public NamespaceEntry {
        nsid = nsid == null ? 1 : nsid;
        lbaSize = lbaSize == null ? 4096 : lbaSize;
        capacity = capacity == null ? 1L << 30 : capacity;
        if (lbaSize != 512 && lbaSize != 4096) {
            throw new InvalidFieldException("lbaSize", "must be 512 or 4096, got " + lbaSize);
        }
        if (capacity % lbaSize != 0) {
            throw new InvalidFieldException("capacity", "must be a multiple of the LBA size " + lbaSize);
        }
    }
}
