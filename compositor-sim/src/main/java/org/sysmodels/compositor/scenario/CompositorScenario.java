package org.sysmodels.compositor.scenario;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.sysmodels.core.random.Distribution;
import org.sysmodels.core.scenario.InvalidFieldException;
import org.sysmodels.core.scenario.Range;
import org.sysmodels.core.scenario.DurationDeserializer;

/**
 * A compositor run: the display (size and refresh rate: 60, 90 or 120 Hz), its planes (default: a typical phone's
 * four), how many vsyncs to simulate, damage tracking, a colour transform (and whether the HWC can apply one),
 * SurfaceFlinger's CPU time per frame (with an optional spike every n-th frame), the GPU's cost per pixel, the
 * layers bottom first, and transactions at given vsyncs. A display or buffers too large to simulate are refused
 * before anything is allocated ({@link PixelBudget}).
 */
public record CompositorScenario(String description, @Range(min = 16, max = 8192) Integer width,
                                 @Range(min = 16, max = 8192) Integer height, Integer refreshHz,
                                 List<PlaneSpec> planes, @Range(min = 1, max = 100_000) Integer vsyncs,
                                 Boolean damageTracking, Boolean colorTransform, Boolean hwcColorTransform,
                                 Distribution sfCpu, @Range(min = 0, max = 1000) Double gpuNsPerPixel,
                                 @Range(min = 0, max = 100_000) Integer sfSpikeEvery,
                                 @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 0, max = 1e10)
                                 Long sfSpike, List<LayerSpec> layers, List<LayerEvent> events) {

    public CompositorScenario {
        width = width == null ? 540 : width;
        height = height == null ? 1200 : height;
        refreshHz = refreshHz == null ? 60 : refreshHz;
        if (refreshHz != 60 && refreshHz != 90 && refreshHz != 120) {
            throw new InvalidFieldException("refreshHz", refreshHz + " Hz is not modelled; use 60, 90 or 120");
        }
        if (planes != null && planes.isEmpty()) {
            throw new InvalidFieldException("planes", "a display needs at least one plane (for the client target)");
        }
        if (planes != null) {
            distinctNames("planes", planes.stream().map(PlaneSpec::name).toList(),
                    "; give each its own (the validate table shows a layer's plane by name)");
        }
        vsyncs = vsyncs == null ? 120 : vsyncs;
        damageTracking = damageTracking == null || damageTracking;
        colorTransform = colorTransform != null && colorTransform;
        hwcColorTransform = hwcColorTransform != null && hwcColorTransform;
        if (layers == null || layers.isEmpty()) {
            throw new InvalidFieldException("layers", "a scenario needs at least one layer");
        }
        if (layers.size() > 32) {
            throw new InvalidFieldException("layers", layers.size() + " layers; at most 32");
        }
        Set<String> names = distinctNames("layers", layers.stream().map(LayerSpec::name).toList(), "");
        events = events == null ? List.of() : List.copyOf(events);
        for (LayerEvent e : events) {
            if (!names.contains(e.layer())) {
                throw new InvalidFieldException("events", "an event names layer \"" + e.layer()
                        + "\", which is not one of " + names);
            }
        }
        layers = List.copyOf(layers);
        PixelBudget.check(width, height, layers, events);
        description = description == null ? "" : description;
        sfSpikeEvery = sfSpikeEvery == null ? 0 : sfSpikeEvery;
        sfSpike = sfSpike == null ? 0L : sfSpike;
    }

    /** The names of {@code field}'s entries, each once; a name given twice is refused there ({@code why} follows). */
    private static Set<String> distinctNames(String field, List<String> names, String why) {
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (!seen.add(n)) {
                throw new InvalidFieldException(field, "two " + field + " are named \"" + n + "\"" + why);
            }
        }
        return seen;
    }

    /** The same scenario with damage tracking set. */
    public CompositorScenario withDamageTracking(boolean on) {
        return new CompositorScenario(description, width, height, refreshHz, planes, vsyncs, on, colorTransform,
                hwcColorTransform, sfCpu, gpuNsPerPixel, sfSpikeEvery, sfSpike, layers, events);
    }

    public CompositorScenario withVsyncs(int n) {
        return new CompositorScenario(description, width, height, refreshHz, planes, n, damageTracking,
                colorTransform, hwcColorTransform, sfCpu, gpuNsPerPixel, sfSpikeEvery, sfSpike, layers, events);
    }


    public CompositorScenario withLayers(List<LayerSpec> l) {
        return new CompositorScenario(description, width, height, refreshHz, planes, vsyncs, damageTracking,
                colorTransform, hwcColorTransform, sfCpu, gpuNsPerPixel, sfSpikeEvery, sfSpike, l, events);
    }

    public CompositorScenario withRefresh(int hz) {
        return new CompositorScenario(description, width, height, hz, planes, vsyncs, damageTracking, colorTransform,
                hwcColorTransform, sfCpu, gpuNsPerPixel, sfSpikeEvery, sfSpike, layers, events);
    }

    public CompositorScenario withPlanes(List<PlaneSpec> p) {
        return new CompositorScenario(description, width, height, refreshHz, p, vsyncs, damageTracking,
                colorTransform, hwcColorTransform, sfCpu, gpuNsPerPixel, sfSpikeEvery, sfSpike, layers, events);
    }

    /** The same scenario on a display {@code f} times larger in each direction (frames, crops and buffers too). */
    public CompositorScenario scaled(int f) {
        List<LayerSpec> l = layers.stream().map(x -> x.scaled(f)).toList();
        List<LayerEvent> e = events.stream().map(x -> x.scaled(f)).toList();
        return new CompositorScenario(description, width * f, height * f, refreshHz, planes, vsyncs, damageTracking,
                colorTransform, hwcColorTransform, sfCpu, gpuNsPerPixel, sfSpikeEvery, sfSpike, l, e);
    }

    /** The same scenario with SurfaceFlinger's CPU time per frame drawn from {@code d}. */
    public CompositorScenario withSfCpu(Distribution d) {
        return new CompositorScenario(description, width, height, refreshHz, planes, vsyncs, damageTracking,
                colorTransform, hwcColorTransform, d, gpuNsPerPixel, sfSpikeEvery, sfSpike, layers, events);
    }
}
