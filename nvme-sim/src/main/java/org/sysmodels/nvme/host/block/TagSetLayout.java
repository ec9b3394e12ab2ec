package org.sysmodels.nvme.host.block;

/**
 * A tag set and the CPU map blk-mq builds when a driver is ready: {@code hwQueues} hardware contexts of {@code depth}
 * tags each, and every CPU's software queue mapped onto one of them. The sizes are checked first, as Linux's
 * {@code blk_mq_alloc_tag_set} (block/blk-mq.c) refuses a tag set without hardware queues or tags with -EINVAL; the
 * map spreads CPUs round robin over the queues, as {@code blk_mq_map_queues} (block/blk-mq-cpumap.c) does when CPUs
 * outnumber queues.
 */
record TagSetLayout(HardwareContext[] hardware, SoftwareContext[] software) {

    /** Checks the sizes and builds the contexts; each software queue and dispatch list holds {@code maxRequests}. */
    static TagSetLayout allocate(int hwQueues, int depth, int cpus, int maxRequests) {
        check(hwQueues, depth);
        HardwareContext[] hardware = new HardwareContext[hwQueues];
        SoftwareContext[] software = new SoftwareContext[cpus];
        for (int h = 0; h < hwQueues; h++) {
            // CPUs h, h + hwQueues, h + 2 hwQueues, ... below cpus map to hctx h.
            int mapped = (cpus - h + hwQueues - 1) / hwQueues;
            hardware[h] = new HardwareContext(h, new TagSet(depth), new RequestQueue(maxRequests), mapped);
        }
        for (int cpu = 0; cpu < cpus; cpu++) {
            HardwareContext hctx = hardware[cpu % hwQueues];
            software[cpu] = new SoftwareContext(new RequestQueue(maxRequests), hctx);
            hctx.ctxs[cpu / hwQueues] = software[cpu];
        }
        return new TagSetLayout(hardware, software);
    }

    /** Refuses a tag set without hardware queues or tags, naming the call. */
    static void check(int hwQueues, int depth) {
        if (hwQueues < 1 || depth < 1) {
            throw new IllegalArgumentException("BlockLayer.ready(" + hwQueues + ", " + depth + "): a tag set needs at "
                    + "least 1 hardware queue and 1 tag per queue (Linux blk_mq_alloc_tag_set: -EINVAL)");
        }
    }
}
