package org.sysmodels.compositor.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.compositor.pixel.Filter;
import org.sysmodels.compositor.pixel.Image;
import org.sysmodels.compositor.pixel.Rect;
import org.sysmodels.compositor.pixel.Region;
import org.sysmodels.compositor.pixel.SourceCrop;
import org.sysmodels.compositor.pixel.Transform;
import org.sysmodels.core.random.Distribution;
import org.sysmodels.core.random.RandomStreams;

/** The small parts of the model, each against the rule it states. */
class ModelPartsTest {

    @Test
    void vsyncDeadlinesFollowThePeriod() {
        VsyncSchedule v = VsyncSchedule.ofRate(60);
        assertEquals(16_666_667, v.period());
        assertEquals(20_500_000, v.appDuration(), 1);
        assertEquals(10_500_000, v.sfDuration(), 1);
        assertEquals(3 * v.period(), v.vsync(3));
        assertEquals(v.vsync(3) - v.sfDuration() - v.appDuration(), v.appStart(3));
        assertEquals(v.vsync(3) - v.sfDuration(), v.appDeadline(3));
        assertEquals(v.appDeadline(3), v.sfWake(3));
        assertEquals(3, v.vsyncAtOrAfter(v.vsync(3)));
        assertEquals(4, v.vsyncAtOrAfter(v.vsync(3) + 1));
        assertEquals(0, v.vsyncAtOrAfter(-v.period() + 1));
        assertEquals(60.0, v.hz(), 1e-5);
        assertEquals(8_333_333, VsyncSchedule.ofRate(120).period());
        assertThrows(IllegalArgumentException.class, () -> new VsyncSchedule(10, 5, 10));
        assertThrows(IllegalArgumentException.class, () -> new VsyncSchedule(0, 5, 1));
        assertThrows(IllegalArgumentException.class, () -> new VsyncSchedule(10, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new VsyncSchedule(10, 5, 0));
    }

    @Test
    void costsAddUpAndSpikeOnTheirFrames() {
        CostModel c = new CostModel(new Distribution.Fixed(1000), 10, 100, 7, 2.5, 3, 4, 50_000);
        var r = new RandomStreams(1).stream("x");
        assertEquals(1000 + 3 * 10, c.sfCpu(r, 1, 3, false));
        assertEquals(1000 + 3 * 10 + 100, c.sfCpu(r, 2, 3, true));
        assertEquals(1000 + 50_000, c.sfCpu(r, 4, 0, false));
        assertEquals(1000 + 50_000, c.sfCpu(r, 8, 0, false));
        assertEquals(7 + 25, c.gpu(10));
        assertEquals(7 + 3, c.gpu(1), "2.5 rounds half up");
        CostModel none = new CostModel(new Distribution.Fixed(1000), 0, 0, 0, 0, 0, 0, 50_000);
        assertEquals(1000, none.sfCpu(r, 0, 0, false), "no spike when spikeEvery is 0");
    }

    @Test
    void theClientRangeIsContiguousAndWhereTheGpuHasLeastToDraw() {
        assertEquals(ClientRange.NONE, ClientRange.choose(List.of(false, false), new long[] {1, 1}, 4));
        assertEquals(new ClientRange(1, 3), ClientRange.choose(List.of(false, true, false, true, false),
                new long[] {1, 1, 1, 1, 1}, 8), "from the first to the last forced layer");
        // Six layers, four planes: one plane for the client target, three others, so three layers go to the GPU,
        // where the sum of areas is smallest.
        ClientRange r = ClientRange.choose(List.of(false, false, false, false, false, false),
                new long[] {100, 100, 1, 1, 1, 100}, 4);
        assertEquals(new ClientRange(2, 3), r);
        assertTrue(r.contains(2) && r.contains(4) && !r.contains(1) && !r.contains(5));
        // A forced layer in the middle grows the range around it.
        ClientRange g = ClientRange.choose(List.of(false, false, true, false, false, false),
                new long[] {1, 100, 5, 100, 100, 100}, 4);
        assertEquals(new ClientRange(0, 3), g);
        assertEquals(new ClientRange(0, 4), ClientRange.choose(List.of(false, false, false, false, false),
                new long[] {1, 1, 1, 1, 1}, 2), "the first of equal choices");
    }

    @Test
    void planesRefuseWhatTheyCannotDoAndSayWhat() {
        Plane bare = new Plane("bare", false, false, false, EnumSet.of(BlendMode.NONE), false, false, false);
        LayerNeeds ok = new LayerNeeds(false, false, false, BlendMode.NONE, false, false, false);
        assertNull(bare.refuses(ok));
        assertEquals("scaling", bare.refuses(new LayerNeeds(true, false, false, BlendMode.NONE, false, false,
                false)));
        assertEquals("90° rotation", bare.refuses(new LayerNeeds(false, true, false, BlendMode.NONE, false, false,
                false)));
        assertEquals("flips", bare.refuses(new LayerNeeds(false, false, true, BlendMode.NONE, false, false, false)));
        assertEquals("blend mode COVERAGE", bare.refuses(new LayerNeeds(false, false, false, BlendMode.COVERAGE,
                false, false, false)));
        assertEquals("plane alpha", bare.refuses(new LayerNeeds(false, false, false, BlendMode.NONE, true, false,
                false)));
        assertEquals("solid colour", bare.refuses(new LayerNeeds(false, false, false, BlendMode.NONE, false, true,
                false)));
        assertEquals("a frame outside the display", bare.refuses(new LayerNeeds(false, false, false,
                BlendMode.NONE, false, false, true)));
        Plane all = Plane.rotating("all");
        for (boolean b : new boolean[] {false, true}) {
            assertNull(all.refuses(new LayerNeeds(b, b, b, BlendMode.COVERAGE, b, b, b)));
        }
        assertEquals("90° rotation", Plane.overlay("o").refuses(new LayerNeeds(false, true, false,
                BlendMode.NONE, false, false, false)));
        assertEquals("scaling", Plane.primary("p").refuses(new LayerNeeds(true, false, false, BlendMode.NONE, false,
                false, false)));
        assertEquals(4, Plane.typical().size());
    }

    @Test
    void verdictsAndValidationAnswerTheirQuestions() {
        LayerVerdict kept = new LayerVerdict("a", Composition.DEVICE, Composition.DEVICE, "p", "on a plane");
        LayerVerdict moved = new LayerVerdict("b", Composition.DEVICE, Composition.CLIENT, null, "no plane");
        LayerVerdict hidden = new LayerVerdict("c", Composition.DEVICE, null, null, "off screen");
        assertFalse(kept.changed());
        assertTrue(moved.changed());
        assertFalse(hidden.changed());
        assertTrue(kept.shown());
        assertFalse(hidden.shown());
        Validation v = new Validation(List.of(kept, moved, hidden), "p", List.of());
        assertEquals(List.of(moved), v.changes());
        assertTrue(v.hasClientComposition());
        assertFalse(new Validation(List.of(kept), null, List.of()).hasClientComposition());
        assertEquals(1, v.count(Composition.CLIENT));
        assertEquals(1, v.count(Composition.DEVICE));
        assertSame(moved, v.verdict("b"));
        assertThrows(IllegalArgumentException.class, () -> v.verdict("z"));
    }

    @Test
    void presentAndJankTypesNameWhatPerfettoShows() {
        assertEquals(PresentType.ON_TIME, PresentType.of(5, 5));
        assertEquals(PresentType.EARLY, PresentType.of(4, 5));
        assertEquals(PresentType.LATE, PresentType.of(6, 5));
        assertEquals("Late Present", PresentType.LATE.label());
        assertEquals("BufferStuffing", JankType.BUFFER_STUFFING.label());
        for (JankType j : JankType.values()) {
            assertEquals(j == JankType.SURFACE_FLINGER_CPU_DEADLINE_MISSED
                    || j == JankType.SURFACE_FLINGER_GPU_DEADLINE_MISSED || j == JankType.DISPLAY_HAL,
                    j.isSurfaceFlinger(), j.name());
        }
        assertEquals(List.of(1, 2, 3, 4, 5), java.util.Arrays.stream(Composition.values()).map(Composition::value)
                .toList(), "hwc2_composition_t values");
    }

    @Test
    void fencesSlotsAndOutcomesSayTheirState() {
        Fence f = Fence.at("gpu", 10);
        assertFalse(f.hasSignaled(9));
        assertTrue(f.hasSignaled(10));
        assertTrue(Fence.NO_FENCE.hasSignaled(Long.MIN_VALUE));
        assertEquals("FREE", SlotState.label(new SlotState.Free(f)));
        assertEquals("DEQUEUED", SlotState.label(new SlotState.Dequeued(f)));
        assertEquals("QUEUED", SlotState.label(new SlotState.Queued(1, f, 0, new Region(), 1)));
        assertEquals("ACQUIRED", SlotState.label(new SlotState.Acquired(1, f, 1)));
        assertTrue(new QueueOutcome.Done().ok());
        assertFalse(new QueueOutcome.Refused(QueueStatus.BAD_VALUE, "x").ok());
        GraphicBuffer g = new GraphicBuffer(3, new Image(4, 2));
        assertEquals(4, g.width());
        assertEquals(2, g.height());
    }

    @Test
    void theObserverCombinatorHandsEveryEventToEveryObserverInOrder() {
        List<String> seen = new ArrayList<>();
        class Log implements CompositorObserver {
            final String n;

            Log(String n) {
                this.n = n;
            }

            @Override
            public void onBufferWritten(String layer, GraphicBuffer buffer, long when, Fence releaseFence) {
                seen.add(n + " written " + layer + " " + when);
            }

            @Override
            public void onTorn(String layer, GraphicBuffer buffer, int row, int height, long when) {
                seen.add(n + " torn " + layer + " " + row + "/" + height + " " + when);
            }

            @Override
            public void onLatched(String layer, GraphicBuffer buffer, Region damage, long frameNumber,
                                  boolean premultiplied, long when) {
                seen.add(n + " latched " + layer + " " + frameNumber + " " + premultiplied + " " + when);
            }

            @Override
            public void onDequeueBlocked(String layer, BufferQueue queue, long since, long now) {
                seen.add(n + " blocked " + layer + " " + since + " " + now);
            }

            @Override
            public void onValidated(long vsyncId, Validation v, long when) {
                seen.add(n + " validated " + vsyncId + " " + when);
            }

            @Override
            public void onLayerErrors(List<String> errors, long when) {
                seen.add(n + " errors " + errors + " " + when);
            }

            @Override
            public void onQueueCallRefused(String layer, QueueOutcome.Refused refused, long when) {
                seen.add(n + " refused " + layer + " " + refused.status() + " " + when);
            }

            @Override
            public void onScanout(long vsync, long time, Image screen, long displayFrame, List<String> frames) {
                seen.add(n + " scanout " + vsync + " " + time + " " + displayFrame + " " + frames);
            }
        }
        CompositorObserver all = CompositorObserver.all(List.of(new Log("a"), new Log("b")));
        GraphicBuffer g = new GraphicBuffer(1, new Image(1, 1));
        all.onBufferWritten("l", g, 1, Fence.NO_FENCE);
        all.onTorn("l", g, 2, 3, 4);
        all.onLatched("l", g, new Region(), 5, true, 6);
        all.onDequeueBlocked("l", new BufferQueue("l", 1, 1, 1, false), 7, 8);
        all.onValidated(9, new Validation(List.of(), null, List.of()), 10);
        all.onLayerErrors(List.of("x"), 11);
        all.onQueueCallRefused("l", new QueueOutcome.Refused(QueueStatus.BAD_VALUE, "m"), 12);
        all.onScanout(13, 14, new Image(1, 1), 15, List.of("f"));
        assertEquals(List.of("a written l 1", "b written l 1", "a torn l 2/3 4", "b torn l 2/3 4",
                "a latched l 5 true 6", "b latched l 5 true 6", "a blocked l 7 8", "b blocked l 7 8",
                "a validated 9 10", "b validated 9 10", "a errors [x] 11", "b errors [x] 11",
                "a refused l BAD_VALUE 12", "b refused l BAD_VALUE 12", "a scanout 13 14 15 [f]",
                "b scanout 13 14 15 [f]"), seen);
    }

    @Test
    void settingsChangeOneThingAtATime() {
        LayerSettings s = LayerSettings.at(Rect.of(1, 2, 3, 4));
        assertNull(s.crop());
        assertEquals(Composition.DEVICE, s.requested());
        SourceCrop c = SourceCrop.of(Rect.ofSize(2, 2));
        assertEquals(c, s.withCrop(c).crop());
        assertEquals(Rect.ofSize(9, 9), s.withFrame(Rect.ofSize(9, 9)).frame());
        assertEquals(Transform.ROT_90, s.withTransform(Transform.ROT_90).transform());
        assertEquals(BlendMode.NONE, s.withBlend(BlendMode.NONE).blend());
        assertEquals(7, s.withPlaneAlpha(7).planeAlpha());
        LayerSettings colour = s.withColor(0x80ff0000);
        assertEquals(0x80ff0000, colour.color());
        assertEquals(Composition.SOLID_COLOR, colour.requested());
        assertEquals(Composition.CLIENT, s.withRequested(Composition.CLIENT).requested());
        assertEquals(s.frame(), s.withBlend(BlendMode.NONE).withPlaneAlpha(3).frame());
    }

    @Test
    void aLayerShowsContentOnlyWhenVisibleWithABufferOrAColour() {
        Layer colour = new Layer("c", null, LayerSettings.at(Rect.ofSize(4, 4)).withColor(0xff00ff00));
        assertTrue(colour.isColorLayer());
        assertTrue(colour.hasContent());
        HwcLayer h = colour.toHwcLayer();
        assertTrue(h.isSolid());
        assertEquals(Composition.SOLID_COLOR, h.requested());
        colour.setVisible(false);
        assertFalse(colour.hasContent());
        Layer app = new Layer("a", new BufferQueue("a", 8, 6, 2, false), LayerSettings.at(Rect.ofSize(8, 6)));
        assertFalse(app.hasContent(), "nothing latched yet");
        assertNull(app.buffer());
        assertNull(app.lastType());
        app.buffer = new GraphicBuffer(0, new Image(8, 6));
        assertTrue(app.hasContent());
        HwcLayer hl = app.toHwcLayer();
        assertEquals(SourceCrop.of(Rect.ofSize(8, 6)), hl.crop(), "no crop: the whole buffer");
        assertFalse(hl.needs(Rect.ofSize(8, 6)).scaling());
        assertTrue(hl.needs(Rect.ofSize(4, 4)).offscreen());
        app.setSettings(app.settings().withFrame(Rect.ofSize(16, 12)).withTransform(Transform.FLIP_H)
                .withPlaneAlpha(9));
        LayerNeeds n = app.toHwcLayer().needs(Rect.ofSize(100, 100));
        assertTrue(n.scaling() && n.flips() && n.planeAlpha() && !n.rotation() && !n.solidColor());
        CompositionLayer cl = app.toHwcLayer().toCompositionLayer();
        assertEquals(Rect.ofSize(16, 12), cl.frame());
        assertTrue(cl.isResampled());
        assertFalse(cl.isIdentityMapped());
    }

    @Test
    void theDisplayRecomposesItsDamageAndPaintsATearBelowTheBeam() {
        CompositionEngine engine = new CompositionEngine();
        DisplayPipeline d = new DisplayPipeline(engine, 4, 10, 1000);
        assertTrue(java.util.Arrays.stream(d.screen().pixels()).allMatch(p -> p == DisplayPipeline.BACKGROUND));
        Image buffer = new Image(4, 10);
        buffer.fill(0xff0000ff);
        d.present(List.of(CompositionLayer.buffer("b", buffer, 0, 0)), Region.of(Rect.ofSize(4, 5)), 0);
        assertEquals(0xff0000ff, d.screen().get(0, 4));
        assertEquals(DisplayPipeline.BACKGROUND, d.screen().get(0, 5), "outside the damage: untouched");
        buffer.fill(0xffff0000);
        assertEquals(-1, d.writtenDuringScanout(buffer, 1000), "the period is over");
        assertEquals(-1, d.writtenDuringScanout(new Image(4, 10), 500), "not on a plane");
        assertEquals(3, d.writtenDuringScanout(buffer, 300), "the beam is at row 3 of 10");
        assertEquals(0xff0000ff, d.screen().get(0, 2));
        assertEquals(0xffff0000, d.screen().get(0, 3));
        d.vsync(2000);
        assertEquals(-1, d.writtenDuringScanout(buffer, 1999), "before this scan-out started");
        d.present(List.of(CompositionLayer.buffer("b", buffer, 0, 0)), new Region(), 3000);
        assertEquals(0xffff0000, d.screen().get(0, 9), "the torn rows are recomposed with the next present");
        assertEquals(0xff0000ff, d.screen().get(0, 0), "no damage above the tear");
        assertEquals(-1, new DisplayPipeline(engine, 4, 10, 1000).writtenDuringScanout(buffer, 0),
                "nothing presented: no plane shows it");
        Image small = new Image(4, 2);
        d.present(List.of(CompositionLayer.buffer("s", small, 0, 0)), Region.of(Rect.ofSize(4, 10)), 4000);
        assertEquals(-1, d.writtenDuringScanout(small, 4900), "the beam is below the plane: no tear");
    }

    @Test
    void clientCompositionRedrawsTheDamageSinceATargetWasLastDrawn() {
        CompositionEngine engine = new CompositionEngine();
        ClientComposition c = new ClientComposition(engine, 10, 10);
        Image layer = new Image(10, 10);
        layer.fill(0xff00ff00);
        List<CompositionLayer> layers = List.of(CompositionLayer.buffer("l", layer, 0, 0));
        c.noteFrame(Region.of(Rect.ofSize(10, 10)));
        ClientComposition.Result first = c.compose(layers, true);
        assertEquals(100, first.recomposed().area(), "a new target: everything");
        for (int frame = 0; frame < 2; frame++) {
            c.noteFrame(Region.of(Rect.of(0, 0, 1, 1)));
            assertEquals(100, c.compose(layers, true).recomposed().area(), "the second and third targets are new");
        }
        c.noteFrame(Region.of(Rect.of(5, 5, 2, 2)));
        ClientComposition.Result again = c.compose(layers, true);
        assertSame(first.target(), again.target(), "three targets cycle");
        assertEquals(1 + 4, again.recomposed().area(), "the damage of the frames since it was drawn, once each");
        assertEquals(again.recomposed().area() * 2, again.pixels(), "each pixel: cleared, then one layer blended");
        c.noteFrame(new Region());
        assertEquals(100, c.compose(layers, false).recomposed().area(), "no damage tracking: everything");
        for (int i = 0; i < 20; i++) {
            c.noteFrame(new Region());
        }
        assertEquals(100, c.compose(layers, true).recomposed().area(), "older than the history: everything");
    }

    @Test
    void frameDamageCoversWhatAppearedMovedOrWentAway() {
        DamageTracker t = new DamageTracker();
        Rect display = Rect.ofSize(100, 100);
        Image buf = new Image(10, 10);
        CompositionLayer a = new CompositionLayer("a", buf, 0, Rect.ofSize(10, 10), Rect.of(0, 0, 10, 10),
                Transform.NONE, BlendMode.PREMULTIPLIED, 255, Filter.NEAREST);
        CompositionLayer b = CompositionLayer.solid("b", 0xff000000, Rect.of(50, 50, 10, 10));
        Region first = t.frameDamage(List.of(new DamageTracker.Entry("a", a, Composition.DEVICE, null),
                new DamageTracker.Entry("b", b, Composition.SOLID_COLOR, null)), display);
        assertEquals(200, first.area(), "both appeared");
        assertEquals(0, t.frameDamage(List.of(new DamageTracker.Entry("a", a, Composition.DEVICE, null),
                new DamageTracker.Entry("b", b, Composition.SOLID_COLOR, null)), display).area(), "nothing changed");
        Region buffer = t.frameDamage(List.of(new DamageTracker.Entry("a", a, Composition.DEVICE,
                Region.of(Rect.of(1, 1, 2, 2))), new DamageTracker.Entry("b", b, Composition.SOLID_COLOR, null)),
                display);
        assertEquals(Rect.of(1, 1, 2, 2), buffer.bounds(), "surface damage, mapped");
        CompositionLayer moved = new CompositionLayer("a", buf, 0, Rect.ofSize(10, 10), Rect.of(20, 0, 10, 10),
                Transform.NONE, BlendMode.PREMULTIPLIED, 255, Filter.NEAREST);
        Region move = t.frameDamage(List.of(new DamageTracker.Entry("a", moved, Composition.DEVICE, null)), display);
        assertEquals(300, move.area(), "old and new frame of a, and b's frame as it went away");
        Region type = t.frameDamage(List.of(new DamageTracker.Entry("a", moved, Composition.CLIENT, null)), display);
        assertEquals(100, type.area(), "a composition type change redraws the layer");
        CompositionLayer faded = new CompositionLayer("a", buf, 0, Rect.ofSize(10, 10), Rect.of(20, 0, 10, 10),
                Transform.NONE, BlendMode.PREMULTIPLIED, 128, Filter.NEAREST);
        assertEquals(100, t.frameDamage(List.of(new DamageTracker.Entry("a", faded, Composition.CLIENT, null)),
                display).area(), "plane alpha is part of the look");
        CompositionLayer bigger = new CompositionLayer("a", new Image(20, 20), 0, Rect.ofSize(10, 10),
                Rect.of(20, 0, 10, 10), Transform.NONE, BlendMode.PREMULTIPLIED, 128, Filter.NEAREST);
        assertEquals(100, t.frameDamage(List.of(new DamageTracker.Entry("a", bigger, Composition.CLIENT, null)),
                display).area(), "a resized buffer is a change of look");
        assertEquals(0, t.frameDamage(List.of(new DamageTracker.Entry("a", bigger, Composition.CLIENT, null)),
                Rect.ofSize(5, 5)).area());
    }
}
