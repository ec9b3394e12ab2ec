package org.sysmodels.nvme.host.workload;

/** fio's {@code rw=} patterns. */
public enum Rw {
    READ, WRITE, RANDREAD, RANDWRITE, RANDRW, READWRITE;

    public boolean random() {
        return this == RANDREAD || this == RANDWRITE || this == RANDRW;
    }

    public boolean mixed() {
        return this == RANDRW || this == READWRITE;
    }

    public boolean writes() {
        return this != READ && this != RANDREAD;
    }

    /** Parses fio's spelling ("randread", "rw" and "readwrite" are the same). */
    public static Rw parse(String s) {
        String t = s.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("rw")) {
            return READWRITE;
        }
        for (Rw r : values()) {
            if (r.name().toLowerCase(java.util.Locale.ROOT).equals(t)) {
                return r;
            }
        }
        throw new IllegalArgumentException("\"" + s + "\" is not an rw pattern; use read, write, randread, "
                + "randwrite, randrw or readwrite (rw)");
    }

    public String fio() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
