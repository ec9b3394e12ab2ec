package org.sysmodels.irp.host.workload;

import java.util.List;
import org.sysmodels.core.random.RandomStream;

/**
 * A weighted mix of request kinds: each entry is an operation, its weight, its transfer size (bytes) and, for an
 * IOCTL, its control code and input length.
 */
public record RequestMix(List<Entry> entries) {

    /** One kind of request in the mix. */
    public record Entry(Op op, int weight, int size, int ioControlCode, int inputLength) {
        public Entry {
            if (weight < 0 || size < 0 || inputLength < 0) {
                throw new IllegalArgumentException("weights and sizes are not negative");
            }
        }
    }

    public RequestMix {
        entries = List.copyOf(entries);
        if (entries.isEmpty() || entries.stream().mapToInt(Entry::weight).sum() <= 0) {
            throw new IllegalArgumentException("a request mix needs at least one entry with a positive weight");
        }
    }

    /** Picks an entry by weight. */
    public Entry pick(RandomStream r) {
        int total = 0;
        for (Entry e : entries) {
            total += e.weight();
        }
        int x = r.nextInt(total);
        for (Entry e : entries) {
            x -= e.weight();
            if (x < 0) {
                return e;
            }
        }
        return entries.get(entries.size() - 1);
    }

    /** The largest transfer in the mix. */
    public int maxSize() {
        return entries.stream().mapToInt(Entry::size).max().orElse(0);
    }
}
