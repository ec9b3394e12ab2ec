package org.sysmodels.nvme.scenario;

import org.sysmodels.core.scenario.SizeDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;
import org.sysmodels.core.random.Distribution;
import org.sysmodels.core.scenario.InvalidFieldException;
import org.sysmodels.core.scenario.Range;
import org.sysmodels.core.scenario.DurationDeserializer;
import org.sysmodels.nvme.model.register.ControllerConfig;
import org.sysmodels.nvme.model.media.NamespaceSpec;
import org.sysmodels.nvme.model.media.ServiceModel;

/**
 * The device in a scenario. Missing fields take the defaults: 16 internal units; reads log-normal with a 70 µs
 * median, writes 20 µs (a write cache), flush, write zeroes, deallocate and admin commands 10 µs; CAP.MQES 1023
 * (1024-entry queues), 64 I/O queue pairs, one MSI-X vector per pair and the admin queue's (at most 2048), MDTS 5
 * (128 KiB); RDY 1 ms after enable; no link bandwidth limit
 * ({@code bandwidth} in bytes per second, e.g. "7g"); one 1 GiB namespace of 4 KiB LBAs.
 */
public record DeviceSpec(
        @Range(min = 1, max = 4096) Integer units,
        Distribution read,
        Distribution write,
        Distribution flush,
        Distribution writeZeroes,
        Distribution datasetManagement,
        Distribution admin,
        @Range(min = 1, max = 65535) Integer mqes,
        @Range(min = 0, max = 15) Integer dstrd,
        @Range(min = 1, max = 65534) Integer maxQueuePairs,
        @Range(min = 1, max = MAX_MSIX_VECTORS) Integer msixVectors,
        @Range(min = 0, max = 9) Integer mdts,
        @Range(min = 1, max = 65536) Integer deviceQueueDepth,
        Boolean wrr,
        @Range(min = 1, max = 255) Integer timeout,
        @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 0, max = 1e11) Long readyLatency,
        @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 0, max = 1e11) Long resetLatency,
        @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 0, max = 1e11) Long shutdownLatency,
        @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 0, max = 1e9) Long fetchLatency,
        @JsonDeserialize(using = SizeDeserializer.class) @Range(min = 0, max = 1e12) Long bandwidth,
        List<NamespaceEntry> namespaces) {

    /** The most vectors an MSI-X table holds: Table Size is an 11-bit N - 1 field (PCI Local Bus 3.0, §6.8.2.3). */
    public static final int MAX_MSIX_VECTORS = 2048;

    public static final DeviceSpec DEFAULT = new DeviceSpec(null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null);

    public DeviceSpec {
        units = units == null ? 16 : units;
        read = read == null ? new Distribution.LogNormal(70_000, 0.25) : read;
        write = write == null ? new Distribution.LogNormal(20_000, 0.3) : write;
        flush = flush == null ? new Distribution.Fixed(10_000) : flush;
        writeZeroes = writeZeroes == null ? new Distribution.Fixed(10_000) : writeZeroes;
        datasetManagement = datasetManagement == null ? new Distribution.Fixed(10_000) : datasetManagement;
        admin = admin == null ? new Distribution.Fixed(10_000) : admin;
        mqes = mqes == null ? 1023 : mqes;
        dstrd = dstrd == null ? 0 : dstrd;
        maxQueuePairs = maxQueuePairs == null ? 64 : maxQueuePairs;
        // one vector per queue pair and the admin queue's, as far as an MSI-X table goes
        msixVectors = msixVectors == null ? Math.min(maxQueuePairs + 1, MAX_MSIX_VECTORS) : msixVectors;
        mdts = mdts == null ? 5 : mdts;
        deviceQueueDepth = deviceQueueDepth == null ? 1024 : deviceQueueDepth;
        wrr = wrr == null || wrr;
        timeout = timeout == null ? 20 : timeout;
        readyLatency = readyLatency == null ? 1_000_000L : readyLatency;
        resetLatency = resetLatency == null ? 10_000L : resetLatency;
        shutdownLatency = shutdownLatency == null ? 50_000L : shutdownLatency;
        fetchLatency = fetchLatency == null ? 0L : fetchLatency;
        bandwidth = bandwidth == null ? 0L : bandwidth;
        namespaces = namespaces == null ? List.of(new NamespaceEntry(1, 4096, 1L << 30)) : List.copyOf(namespaces);
        if (namespaces.isEmpty()) {
            throw new InvalidFieldException("namespaces", "a device needs at least one namespace");
        }
        if (namespaces.stream().map(NamespaceEntry::nsid).distinct().count() != namespaces.size()) {
            throw new InvalidFieldException("namespaces", "two namespaces have the same nsid");
        }
    }

    /** Same device, every command instantaneous (for speed runs and the benchmark). */
    public DeviceSpec instant() {
        Distribution zero = new Distribution.Fixed(0);
        return new DeviceSpec(units, zero, zero, zero, zero, zero, zero, mqes, dstrd, maxQueuePairs, msixVectors, mdts,
                deviceQueueDepth, wrr, timeout, 0L, 0L, 0L, 0L, 0L, namespaces);
    }

    public DeviceSpec withUnits(int n) {
        return new DeviceSpec(n, read, write, flush, writeZeroes, datasetManagement, admin, mqes, dstrd, maxQueuePairs,
                msixVectors, mdts, deviceQueueDepth, wrr, timeout, readyLatency, resetLatency, shutdownLatency,
                fetchLatency, bandwidth, namespaces);
    }

    public DeviceSpec withRead(Distribution d) {
        return new DeviceSpec(units, d, write, flush, writeZeroes, datasetManagement, admin, mqes, dstrd, maxQueuePairs,
                msixVectors, mdts, deviceQueueDepth, wrr, timeout, readyLatency, resetLatency, shutdownLatency,
                fetchLatency, bandwidth, namespaces);
    }

    public DeviceSpec withNamespaces(List<NamespaceEntry> ns) {
        return new DeviceSpec(units, read, write, flush, writeZeroes, datasetManagement, admin, mqes, dstrd,
                maxQueuePairs, msixVectors, mdts, deviceQueueDepth, wrr, timeout, readyLatency, resetLatency,
                shutdownLatency, fetchLatency, bandwidth, ns);
    }

    public DeviceSpec withQueueLimits(int mqesValue, int deviceDepth) {
        return new DeviceSpec(units, read, write, flush, writeZeroes, datasetManagement, admin, mqesValue, dstrd,
                maxQueuePairs, msixVectors, mdts, deviceDepth, wrr, timeout, readyLatency, resetLatency,
                shutdownLatency, fetchLatency, bandwidth, namespaces);
    }

    public DeviceSpec withFetchLatency(long ns) {
        return new DeviceSpec(units, read, write, flush, writeZeroes, datasetManagement, admin, mqes, dstrd,
                maxQueuePairs, msixVectors, mdts, deviceQueueDepth, wrr, timeout, readyLatency, resetLatency,
                shutdownLatency, ns, bandwidth, namespaces);
    }

    public ControllerConfig controllerConfig() {
        List<NamespaceSpec> ns = namespaces.stream()
                .map(n -> new NamespaceSpec(n.nsid(), n.lbaSize(), n.capacity() / n.lbaSize())).toList();
        return ControllerConfig.builder().mqes(mqes).dstrd(dstrd).timeout(timeout).wrr(wrr)
                .maxIoQueuePairs(maxQueuePairs).msixVectors(msixVectors).mdts(mdts).deviceQueueDepth(deviceQueueDepth)
                .namespaces(ns).service(new ServiceModel(units, read, write, flush, writeZeroes, datasetManagement,
                        admin, bandwidth))
                .timing(readyLatency, resetLatency, shutdownLatency, fetchLatency).build();
    }
}
