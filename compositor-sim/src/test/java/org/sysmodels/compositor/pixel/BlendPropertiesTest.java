package org.sysmodels.compositor.pixel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sysmodels.core.testing.Props.property;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/** Algebraic properties of the blends that hold for every premultiplied input. */
class BlendPropertiesTest {

    private static Gen<Integer> byteValue() {
        return SourceDSL.integers().between(0, 255);
    }

    /** Premultiplied pixels: alpha first, then channels no greater than alpha. */
    static Gen<Integer> premultiplied() {
        return byteValue().flatMap(a -> SourceDSL.integers().between(0, a).zip(
                SourceDSL.integers().between(0, a), SourceDSL.integers().between(0, a),
                (r, g, b) -> Un8x4.argb(a, r, g, b)));
    }

    private static Gen<Integer> anyPixel() {
        return SourceDSL.integers().all();
    }

    @Test
    void opaqueSourceReplaces() {
        property().forAll(anyPixel(), anyPixel()).checkAssert((s, d) ->
                assertEquals(s | 0xff000000, Combine.over(s | 0xff000000, d)));
    }

    @Test
    void transparentSourceKeepsTheDestination() {
        property().forAll(anyPixel()).checkAssert(d -> assertEquals(d, Combine.over(0, d)));
    }

    @Test
    void resultStaysPremultiplied() {
        property().forAll(premultiplied(), premultiplied(), byteValue()).checkAssert((s, d, p) -> {
            assertTrue(Combine.isPremultiplied(Combine.over(s, d)));
            assertTrue(Combine.isPremultiplied(Combine.premultiplied(s, p, d)));
            assertTrue(Combine.isPremultiplied(Combine.none(s, p, d)));
            assertTrue(Combine.isPremultiplied(Combine.coverage(s, p, d)));
        });
    }

    @Test
    void overOfPremultipliedPixelsNeverSaturates() {
        property().forAll(premultiplied(), premultiplied()).checkAssert((s, d) -> {
            int a = Un8.add(Un8x4.alpha(s), Un8.mul(Un8x4.alpha(d), 255 - Un8x4.alpha(s)));
            assertEquals(a, Un8x4.alpha(Combine.over(s, d)));
            assertTrue(Un8x4.alpha(s) + Un8.mul(Un8x4.alpha(d), 255 - Un8x4.alpha(s)) <= 255);
        });
    }

    @Test
    void fullPlaneAlphaIsPlainOver() {
        property().forAll(anyPixel(), anyPixel()).checkAssert((s, d) ->
                assertEquals(Combine.over(s, d), Combine.premultiplied(s, 255, d)));
    }

    @Test
    void zeroPlaneAlphaKeepsTheDestinationInEveryMode() {
        property().forAll(anyPixel(), anyPixel()).checkAssert((s, d) -> {
            assertEquals(d, Combine.premultiplied(s, 0, d));
            assertEquals(d, Combine.none(s, 0, d));
            assertEquals(d, Combine.coverage(s, 0, d));
        });
    }

    @Test
    void coverageOfAStraightPixelEqualsPremultipliedOfItsPremultipliedForm() {
        property().forAll(anyPixel(), premultiplied()).checkAssert((straight, d) ->
                assertEquals(Combine.over(Combine.premultiply(straight), d), Combine.coverage(straight, 255, d)));
    }

    @Test
    void unpremultiplyUndoesPremultiplyForOpaqueAndNearlyForTheRest() {
        property().forAll(anyPixel()).checkAssert(straight -> {
            int back = Combine.unpremultiply(Combine.premultiply(straight));
            int a = Un8x4.alpha(straight);
            if (a == 255) {
                assertEquals(straight, back);
            } else if (a > 0) {
                for (int shift = 0; shift < 24; shift += 8) {
                    int err = Math.abs(((back >>> shift) & 0xff) - ((straight >>> shift) & 0xff));
                    assertTrue(err <= 255 / (2 * a) + 1);
                }
            }
        });
    }
}
