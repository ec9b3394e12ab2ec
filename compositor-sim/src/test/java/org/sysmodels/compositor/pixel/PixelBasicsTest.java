package org.sysmodels.compositor.pixel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sysmodels.core.testing.Props.property;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

/** Rectangles, regions, images, crops and maps: each operation against a plain reference. */
class PixelBasicsTest {

    @Test
    void rectanglesIntersectContainAndBound() {
        Rect r = new Rect(2, 3, 10, 8);
        assertEquals(8, r.width());
        assertEquals(5, r.height());
        assertEquals(40, r.area());
        assertEquals(0, new Rect(5, 5, 4, 9).width(), "right before left: empty, width 0");
        assertEquals(0, new Rect(5, 5, 9, 4).height());
        assertTrue(new Rect(5, 5, 5, 9).isEmpty());
        assertTrue(new Rect(5, 5, 9, 5).isEmpty());
        assertFalse(Rect.of(0, 0, 1, 1).isEmpty());
        assertTrue(r.contains(r), "a rectangle contains itself, edges included");
        assertTrue(r.contains(new Rect(2, 3, 3, 4)));
        assertTrue(r.contains(new Rect(9, 7, 10, 8)));
        assertFalse(r.contains(new Rect(1, 3, 10, 8)));
        assertFalse(r.contains(new Rect(2, 2, 10, 8)));
        assertFalse(r.contains(new Rect(2, 3, 11, 8)));
        assertFalse(r.contains(new Rect(2, 3, 10, 9)));
        assertTrue(r.contains(Rect.EMPTY), "an empty rectangle is contained everywhere");
        assertTrue(r.contains(new Rect(50, 50, 40, 40)));
        assertEquals(Rect.EMPTY, r.intersect(new Rect(10, 3, 20, 8)), "touching edges do not intersect");
        assertFalse(r.intersects(new Rect(10, 3, 20, 8)));
        assertTrue(r.intersects(new Rect(9, 7, 20, 20)));
        assertEquals(new Rect(9, 7, 10, 8), r.intersect(new Rect(9, 7, 20, 20)));
        assertEquals(new Rect(0, 0, 10, 8), r.bounds(Rect.ofSize(1, 1)));
        assertSame(r, r.bounds(Rect.EMPTY));
        assertSame(r, Rect.EMPTY.bounds(r));
        assertEquals(new Rect(3, 1, 11, 6), r.offset(1, -2));
        assertEquals("[2,3 8×5]", r.toString());
    }

    /** A region against a grid of booleans, under random sequences of add, subtract and intersect. */
    @Test
    void regionsAreSetsOfPixels() {
        property(300).forAll(SourceDSL.longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int size = 12;
            boolean[][] grid = new boolean[size][size];
            Region g = new Region();
            for (int step = 0; step < 12; step++) {
                Rect x = new Rect(r.nextInt(0, size), r.nextInt(0, size), r.nextInt(0, size + 1),
                        r.nextInt(0, size + 1));
                Region before = g;
                switch (r.nextInt(4)) {
                    case 0, 1 -> {
                        assertSame(before, g.add(x));
                        forEach(x, size, (i, j) -> grid[j][i] = true);
                    }
                    case 2 -> {
                        assertSame(before, g.subtract(x));
                        forEach(x, size, (i, j) -> grid[j][i] = false);
                    }
                    default -> {
                        assertSame(before, g.intersect(x));
                        for (int j = 0; j < size; j++) {
                            for (int i = 0; i < size; i++) {
                                grid[j][i] &= x.contains(Rect.of(i, j, 1, 1));
                            }
                        }
                    }
                }
                long area = 0;
                Rect bounds = Rect.EMPTY;
                for (int j = 0; j < size; j++) {
                    for (int i = 0; i < size; i++) {
                        Rect px = Rect.of(i, j, 1, 1);
                        boolean in = g.rects().stream().anyMatch(q -> q.contains(px));
                        assertEquals(grid[j][i], in, "seed " + seed + " step " + step + " (" + i + "," + j + ")");
                        if (grid[j][i]) {
                            area++;
                            bounds = bounds.bounds(Rect.of(i, j, 1, 1));
                        }
                    }
                }
                assertEquals(area, g.area(), "the rectangles never overlap");
                assertEquals(area == 0, g.isEmpty());
                assertEquals(bounds, g.bounds());
                Region copy = g.copy();
                copy.add(Rect.ofSize(size, size));
                assertEquals(area, g.area(), "a copy is independent");
                assertEquals((long) size * size, copy.area());
                Region twice = new Region().add(g).add(g);
                assertEquals(area, twice.area(), "adding a region twice adds nothing the second time");
                assertEquals(g.rects().toString(), g.toString());
            }
        });
    }

    private interface Cell {
        void at(int i, int j);
    }

    private static void forEach(Rect x, int size, Cell c) {
        Rect in = x.intersect(Rect.ofSize(size, size));
        for (int j = in.top(); j < in.bottom(); j++) {
            for (int i = in.left(); i < in.right(); i++) {
                c.at(i, j);
            }
        }
    }

    @Test
    void imagesHoldTheirPixels() {
        assertThrows(IllegalArgumentException.class, () -> new Image(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Image(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Image(-1, 5));
        assertThrows(IllegalArgumentException.class, () -> new Image(65_536, 32_768), "2^31 pixels");
        Image img = new Image(1, 1);
        assertEquals(1, img.pixels().length);
        Image a = new Image(5, 4);
        a.fill(Rect.of(3, 2, 10, 10), 7);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 5; x++) {
                assertEquals(x >= 3 && y >= 2 ? 7 : 0, a.get(x, y), x + "," + y);
            }
        }
        Image b = a.copy();
        assertTrue(a.samePixels(b));
        b.set(0, 0, 1);
        assertFalse(a.samePixels(b));
        assertFalse(a.samePixels(new Image(4, 5)));
        assertFalse(a.samePixels(new Image(5, 5)));
        assertFalse(a.samePixels(new Image(6, 4)));
        assertEquals("Image[5×4]", a.toString());
        assertEquals(Rect.ofSize(5, 4), a.bounds());
    }

    @Test
    void cropsAreFixedPointRectangles() {
        SourceCrop c = SourceCrop.ofFloats(0.5, 1.25, 3, 4);
        assertEquals(new SourceCrop(0x8000, 0x14000, 0x30000, 0x40000), c);
        assertEquals(0x28000, c.width());
        assertEquals(0x2c000, c.height());
        assertEquals(new Rect(0, 1, 3, 4), c.bounds());
        assertEquals(new Rect(0, 0, 2, 3), SourceCrop.ofFloats(0.25, 0, 1.75, 2.5).bounds(), "rounded outwards");
        assertEquals("[0.5,1.25 2.5×2.75]", c.toString());
        assertEquals("[1,2 3×4]", SourceCrop.of(Rect.of(1, 2, 3, 4)).toString());
        assertEquals("[0.00002,0 1×1]", new SourceCrop(1, 0, 0x10001, 0x10000).toString());
        assertFalse(c.isIntegral());
        assertTrue(SourceCrop.of(Rect.of(1, 2, 3, 4)).isIntegral());
        for (int edge = 0; edge < 4; edge++) {
            int[] v = {0x10000, 0x10000, 0x30000, 0x30000};
            v[edge] += 1;
            assertFalse(new SourceCrop(v[0], v[1], v[2], v[3]).isIntegral(), "edge " + edge);
        }
        assertTrue(new SourceCrop(5, 0, 5, 9).isEmpty());
        assertTrue(new SourceCrop(0, 5, 9, 5).isEmpty());
        assertFalse(new SourceCrop(4, 4, 5, 5).isEmpty());
        assertTrue(c.fitsIn(3, 4));
        assertFalse(c.fitsIn(2, 4));
        assertFalse(c.fitsIn(3, 3));
        assertFalse(new SourceCrop(-1, 0, 5, 5).fitsIn(9, 9));
        assertFalse(new SourceCrop(0, -1, 5, 5).fitsIn(9, 9));
        assertEquals(0x7fff8000, SourceCrop.ofFloats(32767.5, 0, 32767.5, 0).left());
        assertThrows(IllegalArgumentException.class, () -> SourceCrop.ofFloats(32768, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> SourceCrop.ofFloats(0, Double.NaN, 1, 1));
        assertEquals(1000 << 16, SourceCrop.ofFloats(1000.00001, 0, 1001, 1).left(),
                "a float first, as hwc_frect_t holds it: 1000.00001 is 1000.0 as a float");
    }

    @Test
    void aMapNeedsACropAndAFrame() {
        SourceCrop c = SourceCrop.of(Rect.ofSize(4, 4));
        assertThrows(IllegalArgumentException.class, () -> SourceMap.of(new SourceCrop(0, 0, 0, 9), Transform.NONE,
                1, 1));
        assertThrows(IllegalArgumentException.class, () -> SourceMap.of(c, Transform.NONE, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> SourceMap.of(c, Transform.NONE, 1, 0));
        SourceMap m = SourceMap.of(c, Transform.NONE, 1, 1);
        assertArrayEquals(new int[] {4 << 16, 0, 0, 0, 4 << 16, 0, 0, 0, 1 << 16}, m.matrix());
        assertEquals(2 << 16, m.x(0, 0), "the centre of the one display pixel");
        assertEquals(32768, SourceMap.scale(1 << 16, 2));
        assertEquals(21845, SourceMap.scale(1 << 16, 3), "65536 / 3 = 21845.33");
        assertEquals(43691, SourceMap.scale(2 << 16, 3), "131072 / 3 = 43690.67 rounds up");
    }

    @Test
    void samplesOnPixelCentresAreRecognised() {
        SourceCrop c = SourceCrop.of(Rect.ofSize(4, 6));
        for (Transform t : Transform.values()) {
            assertTrue(Sampler.isPixelCentred(SourceMap.of(c, t, t.width(4, 6), t.height(4, 6))), t.name());
        }
        assertFalse(Sampler.isPixelCentred(SourceMap.of(c, Transform.NONE, 8, 6)), "scaled in x");
        assertFalse(Sampler.isPixelCentred(SourceMap.of(c, Transform.NONE, 4, 12)), "scaled in y");
        assertFalse(Sampler.isPixelCentred(SourceMap.of(SourceCrop.ofFloats(0.5, 0, 4.5, 6), Transform.NONE, 4, 6)),
                "a half-pixel crop: unit steps, but between centres");
        assertFalse(Sampler.isPixelCentred(SourceMap.of(SourceCrop.ofFloats(0, 0.5, 4, 6.5), Transform.NONE, 4, 6)));
        // A scale of 3 starts on a centre (1.5) but is no copy.
        assertFalse(Sampler.isPixelCentred(SourceMap.of(SourceCrop.of(Rect.ofSize(3, 6)), Transform.NONE, 1, 6)));
        assertFalse(Sampler.isPixelCentred(SourceMap.of(SourceCrop.of(Rect.ofSize(4, 3)), Transform.NONE, 4, 1)));
    }

    @Test
    void thePremultipliedInvariantLooksAtEveryChannel() {
        assertTrue(Combine.isPremultiplied(0x80808080));
        assertTrue(Combine.isPremultiplied(0));
        assertFalse(Combine.isPremultiplied(0x80810000));
        assertFalse(Combine.isPremultiplied(0x80008100));
        assertFalse(Combine.isPremultiplied(0x80000081));
        assertTrue(Combine.isPremultiplied(0xff000000 | 0xffffff));
    }

    @Test
    void theBuildRunsWithTheVectorModule() {
        assertTrue(Spans.vectorAvailable(), "the pom starts the tests with --add-modules jdk.incubator.vector");
        assertEquals(ScalarSpans.INSTANCE, Spans.scalar());
        List<String> names = new ArrayList<>(List.of(Spans.best().name(), Spans.vector().name()));
        assertEquals(names.get(1), names.get(0));
    }
}
