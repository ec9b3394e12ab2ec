package org.sysmodels.compositor.model;

import org.sysmodels.core.random.Distribution;
import org.sysmodels.core.random.RandomStream;

/**
 * How long SurfaceFlinger's work takes in simulated time: main-thread CPU per frame (a base drawn from a
 * distribution, plus per layer, plus the cost of issuing client composition), GPU time for client composition
 * (fixed plus per pixel recomposed, so damage tracking saves GPU time), and the HWC's present latency. The defaults
 * are plausible for a phone, not measurements of one. A periodic spike (every n-th frame) makes SurfaceFlinger
 * miss deadlines on purpose, for the jank demos.
 */
public record CostModel(Distribution sfCpuBase, long sfCpuPerLayer, long sfCpuClient, long gpuFixed,
                        double gpuNsPerPixel, long hwcLatency, int spikeEvery, long spike) {

    public static CostModel defaults() {
        return new CostModel(new Distribution.LogNormal(1_500_000, 0.25), 120_000, 400_000, 300_000, 2.0,
                500_000, 0, 0);
    }

    /** Main-thread time of SurfaceFlinger frame {@code frame}; every spikeEvery-th frame takes {@code spike} more. */
    public long sfCpu(RandomStream r, long frame, int layers, boolean client) {
        long extra = spikeEvery > 0 && frame % spikeEvery == 0 ? spike : 0;
        return sfCpuBase.sample(r) + layers * sfCpuPerLayer + (client ? sfCpuClient : 0) + extra;
    }

    public long gpu(long pixels) {
        return gpuFixed + Math.round(pixels * gpuNsPerPixel);
    }
}
