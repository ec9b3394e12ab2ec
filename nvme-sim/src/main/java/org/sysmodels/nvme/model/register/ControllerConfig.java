package org.sysmodels.nvme.model.register;

import java.util.List;
import org.sysmodels.nvme.model.media.NamespaceSpec;
import org.sysmodels.nvme.model.media.ServiceModel;

/**
 * Everything fixed about a controller at power-on: what CAP and Identify Controller report, its namespaces, its
 * timing. Made with {@link #builder()}, whose every setting starts at the named default below:
 *
 * <pre>{@code
 * ControllerConfig c = ControllerConfig.builder().mqes(63).maxIoQueuePairs(4).service(ServiceModel.instant(4)).build();
 * }</pre>
 */
public final class ControllerConfig {

    /** CAP.MQES, 0's based: queues of up to 1024 entries. */
    public static final int DEFAULT_MQES = 1023;
    /** CAP.TO in 500 ms units: 10 s. */
    public static final int DEFAULT_TIMEOUT = 20;
    public static final int DEFAULT_MAX_IO_QUEUE_PAIRS = 64;
    /** Identify MDTS: 2^5 pages of 4 KiB = 128 KiB. */
    public static final int DEFAULT_MDTS = 5;
    /** The largest MDTS modelled; MDTS 0 (no limit) is taken as this. */
    public static final int MAX_MDTS = 9;
    /** Identify ACL and AERL, 0's based: 4 Aborts and 4 Asynchronous Event Requests outstanding. */
    public static final int DEFAULT_ABORT_LIMIT = 3;
    public static final int DEFAULT_AER_LIMIT = 3;
    public static final int DEFAULT_ERROR_LOG_ENTRIES = 64;
    public static final int DEFAULT_DEVICE_QUEUE_DEPTH = 1024;
    public static final long DEFAULT_READY_LATENCY = 1_000_000L;
    public static final long DEFAULT_RESET_LATENCY = 10_000L;
    public static final long DEFAULT_SHUTDOWN_LATENCY = 50_000L;

    private final int mqes;
    private final int dstrd;
    private final int timeout;
    private final int mpsMin;
    private final int mpsMax;
    private final boolean wrr;
    private final boolean nssrSupported;
    private final int maxIoQueuePairs;
    private final int msixVectors;
    private final int mdts;
    private final int abortLimit;
    private final int aerLimit;
    private final int errorLogEntries;
    private final int deviceQueueDepth;
    private final List<NamespaceSpec> namespaces;
    private final ServiceModel service;
    private final long readyLatency;
    private final long resetLatency;
    private final long shutdownLatency;
    private final long fetchLatency;

    private ControllerConfig(Builder b) {
        if (b.mqes < 1 || b.mqes > 0xffff) {
            throw new IllegalArgumentException("MQES must be in 1..65535 (0's based), got " + b.mqes);
        }
        if (b.maxIoQueuePairs < 1 || b.maxIoQueuePairs > 0xfffe) {
            throw new IllegalArgumentException("I/O queue pairs must be in 1..65534, got " + b.maxIoQueuePairs);
        }
        if (b.mpsMin > b.mpsMax) {
            throw new IllegalArgumentException("MPSMIN " + b.mpsMin + " above MPSMAX " + b.mpsMax);
        }
        if (b.msixVectors == 0 || b.msixVectors < -1 || b.deviceQueueDepth < 1 || b.errorLogEntries < 1) {
            throw new IllegalArgumentException("a controller needs at least one MSI-X vector, one command slot and "
                    + "one error log entry");
        }
        mqes = b.mqes;
        dstrd = b.dstrd;
        timeout = b.timeout;
        mpsMin = b.mpsMin;
        mpsMax = b.mpsMax;
        wrr = b.wrr;
        nssrSupported = b.nssrSupported;
        maxIoQueuePairs = b.maxIoQueuePairs;
        msixVectors = b.msixVectors < 0 ? b.maxIoQueuePairs + 1 : b.msixVectors;
        mdts = b.mdts;
        abortLimit = b.abortLimit;
        aerLimit = b.aerLimit;
        errorLogEntries = b.errorLogEntries;
        deviceQueueDepth = b.deviceQueueDepth;
        namespaces = List.copyOf(b.namespaces);
        service = b.service;
        readyLatency = b.readyLatency;
        resetLatency = b.resetLatency;
        shutdownLatency = b.shutdownLatency;
        fetchLatency = b.fetchLatency;
    }

    /** A builder at every default: one 1 GiB namespace of 4 KiB LBAs, 64 queue pairs, an instant device of 8 units. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults of {@link #builder()}. */
    public static ControllerConfig defaults() {
        return builder().build();
    }

    /** A builder holding this configuration, to change a few settings. */
    public Builder toBuilder() {
        return new Builder().mqes(mqes).dstrd(dstrd).timeout(timeout).pageSizes(mpsMin, mpsMax).wrr(wrr)
                .nssrSupported(nssrSupported).maxIoQueuePairs(maxIoQueuePairs)
                .msixVectors(msixVectors == maxIoQueuePairs + 1 ? -1 : msixVectors).mdts(mdts)
                .abortLimit(abortLimit).aerLimit(aerLimit).errorLogEntries(errorLogEntries)
                .deviceQueueDepth(deviceQueueDepth).namespaces(namespaces).service(service)
                .timing(readyLatency, resetLatency, shutdownLatency, fetchLatency);
    }

    public ControllerConfig withService(ServiceModel s) {
        return toBuilder().service(s).build();
    }

    public ControllerConfig withNamespaces(List<NamespaceSpec> ns) {
        return toBuilder().namespaces(ns).build();
    }

    public ControllerConfig withTiming(long ready, long reset, long shutdown, long fetch) {
        return toBuilder().timing(ready, reset, shutdown, fetch).build();
    }

    /** CAP.MQES, 0's based (1023: queues of up to 1024 entries). */
    public int mqes() {
        return mqes;
    }

    /** CAP.DSTRD: doorbells 4 &lt;&lt; DSTRD bytes apart. */
    public int dstrd() {
        return dstrd;
    }

    /** CAP.TO in 500 ms units. */
    public int timeout() {
        return timeout;
    }

    /** CAP.MPSMIN. */
    public int mpsMin() {
        return mpsMin;
    }

    /** CAP.MPSMAX. */
    public int mpsMax() {
        return mpsMax;
    }

    /** CAP.AMS bit 0: weighted round robin with urgent priority class supported. */
    public boolean wrr() {
        return wrr;
    }

    /** CAP.NSSRS. */
    public boolean nssrSupported() {
        return nssrSupported;
    }

    /** I/O queue pairs the controller can allocate (the Number of Queues answer is capped here). */
    public int maxIoQueuePairs() {
        return maxIoQueuePairs;
    }

    /** MSI-X table size: interrupt vectors 0 .. msixVectors − 1. */
    public int msixVectors() {
        return msixVectors;
    }

    /** Identify MDTS: largest transfer is 2^mdts × CAP.MPSMIN pages (0 = no limit, capped here at 2^9). */
    public int mdts() {
        return mdts;
    }

    /** Identify ACL, 0's based. */
    public int abortLimit() {
        return abortLimit;
    }

    /** Identify AERL, 0's based. */
    public int aerLimit() {
        return aerLimit;
    }

    /** Identify ELPE + 1. */
    public int errorLogEntries() {
        return errorLogEntries;
    }

    /**
     * I/O commands the controller holds between fetch and completion; the rest wait in their SQs, unfetched (SQHD does
     * not pass them). Admin commands have contexts of their own (AERL + 1 held Asynchronous Event Requests and ACL + 2
     * others), so an Abort is fetched while I/O fills the device.
     */
    public int deviceQueueDepth() {
        return deviceQueueDepth;
    }

    /** Namespaces created at power-on. */
    public List<NamespaceSpec> namespaces() {
        return namespaces;
    }

    public ServiceModel service() {
        return service;
    }

    /** CC.EN 0→1 to CSTS.RDY = 1 (below CAP.TO × 500 ms for a correct device). */
    public long readyLatency() {
        return readyLatency;
    }

    /** CC.EN 1→0 to CSTS.RDY = 0. */
    public long resetLatency() {
        return resetLatency;
    }

    /** CC.SHN written to CSTS.SHST = 10b (once in-device commands have drained, for a normal shutdown). */
    public long shutdownLatency() {
        return shutdownLatency;
    }

    /** SQ tail doorbell to the fetch of the new entries. */
    public long fetchLatency() {
        return fetchLatency;
    }

    public Cap cap() {
        return new Cap(mqes, true, wrr ? 1 : 0, timeout, dstrd, nssrSupported, 1, mpsMin, mpsMax);
    }

    /** Largest data transfer in bytes (MDTS is in units of the minimum memory page size). */
    public long maxTransferBytes() {
        return maxTransferBytes(mdts, mpsMin);
    }

    /**
     * Largest data transfer in bytes: 2^{@code mdts} pages of 2^(12 + {@code mpsMin}) bytes (MDTS 0:
     * {@link #MAX_MDTS}).
     */
    public static long maxTransferBytes(int mdts, int mpsMin) {
        int shift = mdts == 0 ? MAX_MDTS : mdts;
        return (1L << shift) << (12 + mpsMin);
    }

    /** The settings of a {@link ControllerConfig}, each starting at its named default. */
    public static final class Builder {
        private int mqes = DEFAULT_MQES;
        private int dstrd;
        private int timeout = DEFAULT_TIMEOUT;
        private int mpsMin;
        private int mpsMax = 4;
        private boolean wrr = true;
        private boolean nssrSupported = true;
        private int maxIoQueuePairs = DEFAULT_MAX_IO_QUEUE_PAIRS;
        /** −1: one vector per queue pair plus the admin queue's. */
        private int msixVectors = -1;
        private int mdts = DEFAULT_MDTS;
        private int abortLimit = DEFAULT_ABORT_LIMIT;
        private int aerLimit = DEFAULT_AER_LIMIT;
        private int errorLogEntries = DEFAULT_ERROR_LOG_ENTRIES;
        private int deviceQueueDepth = DEFAULT_DEVICE_QUEUE_DEPTH;
        private List<NamespaceSpec> namespaces = List.of(new NamespaceSpec(1, 4096, 1L << 18));
        private ServiceModel service = ServiceModel.instant(8);
        private long readyLatency = DEFAULT_READY_LATENCY;
        private long resetLatency = DEFAULT_RESET_LATENCY;
        private long shutdownLatency = DEFAULT_SHUTDOWN_LATENCY;
        private long fetchLatency;

        private Builder() {
        }

        public Builder mqes(int v) {
            mqes = v;
            return this;
        }

        public Builder dstrd(int v) {
            dstrd = v;
            return this;
        }

        public Builder timeout(int v) {
            timeout = v;
            return this;
        }

        /** CAP.MPSMIN and CAP.MPSMAX. */
        public Builder pageSizes(int min, int max) {
            mpsMin = min;
            mpsMax = max;
            return this;
        }

        public Builder wrr(boolean v) {
            wrr = v;
            return this;
        }

        public Builder nssrSupported(boolean v) {
            nssrSupported = v;
            return this;
        }

        public Builder maxIoQueuePairs(int v) {
            maxIoQueuePairs = v;
            return this;
        }

        /** MSI-X table size; −1 (the default) is one vector per I/O queue pair plus the admin queue's. */
        public Builder msixVectors(int v) {
            msixVectors = v;
            return this;
        }

        public Builder mdts(int v) {
            mdts = v;
            return this;
        }

        public Builder abortLimit(int v) {
            abortLimit = v;
            return this;
        }

        public Builder aerLimit(int v) {
            aerLimit = v;
            return this;
        }

        public Builder errorLogEntries(int v) {
            errorLogEntries = v;
            return this;
        }

        public Builder deviceQueueDepth(int v) {
            deviceQueueDepth = v;
            return this;
        }

        public Builder namespaces(List<NamespaceSpec> v) {
            namespaces = List.copyOf(v);
            return this;
        }

        public Builder service(ServiceModel v) {
            service = v;
            return this;
        }

        /** Ready, reset, shutdown and fetch latencies in ns. */
        public Builder timing(long ready, long reset, long shutdown, long fetch) {
            readyLatency = ready;
            resetLatency = reset;
            shutdownLatency = shutdown;
            fetchLatency = fetch;
            return this;
        }

        public ControllerConfig build() {
            return new ControllerConfig(this);
        }
    }
}
