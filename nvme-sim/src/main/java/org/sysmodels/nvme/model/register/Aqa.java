package org.sysmodels.nvme.model.register;

import static org.sysmodels.nvme.model.register.Bits.field;
import static org.sysmodels.nvme.model.register.Bits.place;

/**
 * Admin Queue Attributes (AQA, offset 24h, NVMe 1.4 §3.1.8): ASQS [11:0] and ACQS [27:16], the admin submission and
 * completion queue sizes, both 0's based (a value of 31 means 32 entries; 0 is invalid, as a queue needs two slots).
 */
public final class Aqa {

    private Aqa() {
    }

    public static int asqs(int aqa) {
        return field(aqa, 11, 0);
    }

    public static int acqs(int aqa) {
        return field(aqa, 27, 16);
    }

    /** AQA for admin queues of {@code sqEntries} and {@code cqEntries} entries (1's based arguments). */
    public static int of(int sqEntries, int cqEntries) {
        return place(sqEntries - 1, 11, 0) | place(cqEntries - 1, 27, 16);
    }
}
