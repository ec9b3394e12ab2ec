package org.sysmodels.compositor.scenario;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.sysmodels.compositor.model.BlendMode;
import org.sysmodels.compositor.pixel.Filter;
import org.sysmodels.compositor.pixel.Transform;
import org.sysmodels.core.random.Distribution;
import org.sysmodels.core.scenario.InvalidFieldException;
import org.sysmodels.core.scenario.Range;
import org.sysmodels.core.scenario.DurationDeserializer;

/**
 * One layer in a scenario file: its app (the drawing code) or a solid colour, display frame, buffer size (default:
 * the frame's size after the transform), source crop, transform, blend mode, plane alpha, filter, buffering (2 =
 * double, 3 = triple), mailbox mode, a fixed frame rate (timer-driven producers such as video), and how long its
 * frames take: {@code ui} (doFrame), {@code render} (RenderThread) and {@code gpu}, with a {@code spike} added to
 * every {@code spikeEvery}-th frame.
 */
public record LayerSpec(String name, AppKind app, Box frame, Size buffer, CropBox crop, Transform transform,
                        BlendMode blend, @Range(min = 0, max = 255) Integer planeAlpha, Filter filter, String color,
                        String title, @Range(min = 2, max = 8) Integer buffers, Boolean mailbox,
                        @Range(min = 1, max = 240) Double fps, Distribution ui, Distribution render,
                        Distribution gpu, @Range(min = 0, max = 10_000) Integer spikeEvery,
                        @JsonDeserialize(using = DurationDeserializer.class) @Range(min = 0, max = 1e10) Long spike,
                        @Range(min = 0, max = 1000) Integer scroll, Boolean requestClient) {

    public LayerSpec {
        if (name == null || name.isBlank()) {
            throw new InvalidFieldException("name", "every layer needs a name");
        }
        if (app == null) {
            throw new InvalidFieldException("app", "missing; one of " + java.util.Arrays.toString(AppKind.values()));
        }
        if (frame == null) {
            throw new InvalidFieldException("frame", "missing: the layer's display frame {x, y, w, h}");
        }
        if (app == AppKind.COLOR && color == null) {
            throw new InvalidFieldException("color", "a COLOR layer needs a colour, e.g. \"#80000000\" (#AARRGGBB)");
        }
        if (color != null) {
            parseColor(color);
        }
        transform = transform == null ? Transform.NONE : transform;
        blend = blend == null ? BlendMode.PREMULTIPLIED : blend;
        planeAlpha = planeAlpha == null ? 255 : planeAlpha;
        filter = filter == null ? Filter.BILINEAR : filter;
        buffers = buffers == null ? 3 : buffers;
        mailbox = mailbox != null && mailbox;
        ui = ui == null ? new Distribution.LogNormal(3_000_000, 0.2) : ui;
        render = render == null ? new Distribution.LogNormal(1_500_000, 0.2) : render;
        gpu = gpu == null ? new Distribution.LogNormal(2_000_000, 0.2) : gpu;
        spikeEvery = spikeEvery == null ? 0 : spikeEvery;
        spike = spike == null ? 0L : spike;
        scroll = scroll == null ? 8 : scroll;
        requestClient = requestClient != null && requestClient;
    }

    /** "#AARRGGBB" or "#RRGGBB" to straight ARGB. */
    static int parseColor(String s) {
        if (!s.matches("#([0-9a-fA-F]{6}|[0-9a-fA-F]{8})")) {
            throw new InvalidFieldException("color", "\"" + s + "\" is not a colour; use #AARRGGBB or #RRGGBB");
        }
        long v = Long.parseLong(s.substring(1), 16);
        return (int) (s.length() == 7 ? 0xff000000L | v : v);
    }

    public int argb() {
        return color == null ? 0 : parseColor(color);
    }

    public int bufferWidth() {
        return buffer != null ? buffer.w() : Math.max(1, transform.width(frame.w(), frame.h()));
    }

    public int bufferHeight() {
        return buffer != null ? buffer.h() : Math.max(1, transform.height(frame.w(), frame.h()));
    }

    public LayerSpec scaled(int f) {
        return new LayerSpec(name, app, frame.scaled(f), buffer == null ? null : buffer.scaled(f),
                crop == null ? null : crop.scaled(f), transform, blend, planeAlpha, filter, color, title, buffers,
                mailbox, fps, ui, render, gpu, spikeEvery, spike, scroll * f, requestClient);
    }

    /** The same layer with {@code n} buffers (2 = double buffering). */
    public LayerSpec withBuffers(int n) {
        return new LayerSpec(name, app, frame, buffer, crop, transform, blend, planeAlpha, filter, color, title, n,
                mailbox, fps, ui, render, gpu, spikeEvery, spike, scroll, requestClient);
    }
}
