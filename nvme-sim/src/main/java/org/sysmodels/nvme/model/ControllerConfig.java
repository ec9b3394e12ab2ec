package org.sysmodels.nvme.model;

import java.util.List;

/**
 * Everything fixed about a controller at power-on: what CAP and Identify Controller report, its namespaces, its
 * timing.
 *
 * @param mqes             CAP.MQES, 0's based (1023: queues of up to 1024 entries)
 * @param dstrd            CAP.DSTRD
 * @param timeout          CAP.TO in 500 ms units
 * @param mpsMin           CAP.MPSMIN
 * @param mpsMax           CAP.MPSMAX
 * @param wrr              CAP.AMS bit 0: weighted round robin with urgent priority class supported
 * @param nssrSupported    CAP.NSSRS
 * @param maxIoQueuePairs  I/O queue pairs the controller can allocate (Number of Queues answer is capped here)
 * @param msixVectors      MSI-X table size: interrupt vectors 0 .. msixVectors − 1
 * @param mdts             Identify MDTS: largest transfer is 2^mdts × CAP.MPSMIN pages (0 = no limit, capped at 2^9)
 * @param abortLimit       Identify ACL, 0's based
 * @param aerLimit         Identify AERL, 0's based
 * @param errorLogEntries  Identify ELPE + 1
 * @param deviceQueueDepth commands the controller holds between fetch and completion; the rest wait in the SQs
 * @param namespaces       namespaces created at power-on
 * @param service          the service model
 * @param readyLatency     CC.EN 0→1 to CSTS.RDY = 1 (must be below CAP.TO × 500 ms for a correct device)
 * @param resetLatency     CC.EN 1→0 to CSTS.RDY = 0
 * @param shutdownLatency  CC.SHN written to CSTS.SHST = 10b (once in-device commands have drained, for normal)
 * @param fetchLatency     SQ tail doorbell to the fetch of the new entries
 */
public record ControllerConfig(int mqes, int dstrd, int timeout, int mpsMin, int mpsMax, boolean wrr,
                               boolean nssrSupported, int maxIoQueuePairs, int msixVectors, int mdts, int abortLimit,
                               int aerLimit, int errorLogEntries, int deviceQueueDepth,
                               List<NamespaceSpec> namespaces, ServiceModel service, long readyLatency,
                               long resetLatency, long shutdownLatency, long fetchLatency) {

    public ControllerConfig {
        namespaces = List.copyOf(namespaces);
        if (mqes < 1 || mqes > 0xffff) {
            throw new IllegalArgumentException("MQES must be in 1..65535 (0's based), got " + mqes);
        }
        if (maxIoQueuePairs < 1 || maxIoQueuePairs > 0xfffe) {
            throw new IllegalArgumentException("I/O queue pairs must be in 1..65534, got " + maxIoQueuePairs);
        }
        if (mpsMin > mpsMax) {
            throw new IllegalArgumentException("MPSMIN " + mpsMin + " above MPSMAX " + mpsMax);
        }
    }

    /** A small, fast default: 1 GiB namespace of 4 KiB LBAs, 64 queue pairs, instant service with 8 units. */
    public static ControllerConfig defaults() {
        return new ControllerConfig(1023, 0, 20, 0, 4, true, true, 64, 65, 5, 3, 3, 64, 1024,
                List.of(new NamespaceSpec(1, 4096, 1L << 18)), ServiceModel.instant(8), 1_000_000L, 10_000L,
                50_000L, 0L);
    }

    public ControllerConfig withService(ServiceModel s) {
        return new ControllerConfig(mqes, dstrd, timeout, mpsMin, mpsMax, wrr, nssrSupported, maxIoQueuePairs,
                msixVectors, mdts, abortLimit, aerLimit, errorLogEntries, deviceQueueDepth, namespaces, s,
                readyLatency, resetLatency, shutdownLatency, fetchLatency);
    }

    public ControllerConfig withNamespaces(List<NamespaceSpec> ns) {
        return new ControllerConfig(mqes, dstrd, timeout, mpsMin, mpsMax, wrr, nssrSupported, maxIoQueuePairs,
                msixVectors, mdts, abortLimit, aerLimit, errorLogEntries, deviceQueueDepth, ns, service,
                readyLatency, resetLatency, shutdownLatency, fetchLatency);
    }

    public ControllerConfig withTiming(long ready, long reset, long shutdown, long fetch) {
        return new ControllerConfig(mqes, dstrd, timeout, mpsMin, mpsMax, wrr, nssrSupported, maxIoQueuePairs,
                msixVectors, mdts, abortLimit, aerLimit, errorLogEntries, deviceQueueDepth, namespaces, service,
                ready, reset, shutdown, fetch);
    }

    public ControllerConfig withQueues(int mqesValue, int dstrdValue, int pairs, int vectors, int deviceDepth) {
        return new ControllerConfig(mqesValue, dstrdValue, timeout, mpsMin, mpsMax, wrr, nssrSupported, pairs,
                vectors, mdts, abortLimit, aerLimit, errorLogEntries, deviceDepth, namespaces, service,
                readyLatency, resetLatency, shutdownLatency, fetchLatency);
    }

    public Cap cap() {
        return new Cap(mqes, true, wrr ? 1 : 0, timeout, dstrd, nssrSupported, 1, mpsMin, mpsMax);
    }

    /** Largest data transfer in bytes (MDTS is in units of the minimum memory page size). */
    public long maxTransferBytes() {
        int shift = mdts == 0 ? 9 : mdts;
        return (1L << shift) << (12 + mpsMin);
    }
}
