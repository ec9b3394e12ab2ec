package org.sysmodels.compositor.quiz;

import org.sysmodels.compositor.model.BlendMode;
import org.sysmodels.compositor.pixel.Combine;
import org.sysmodels.compositor.pixel.Un8;
import org.sysmodels.compositor.pixel.Un8x4;
import org.sysmodels.core.random.RandomStream;
import org.sysmodels.core.system.QuizQuestion;

/** "What is this pixel after blending?", worked through the exact 8-bit arithmetic. */
final class PixelQuestion {

    private PixelQuestion() {
    }

    static QuizQuestion generate(RandomStream r) {
        BlendMode mode = BlendMode.values()[r.nextInt(3)];
        int a = 40 + r.nextInt(200);
        int s = mode == BlendMode.COVERAGE
                ? Un8x4.argb(a, r.nextInt(256), r.nextInt(256), r.nextInt(256))
                : Un8x4.argb(a, r.nextInt(a + 1), r.nextInt(a + 1), r.nextInt(a + 1));
        int d = Un8x4.argb(255, r.nextInt(256), r.nextInt(256), r.nextInt(256));
        int[] alphas = {255, 255, 128, 200};
        int p = alphas[r.nextInt(alphas.length)];
        String q = String.format(java.util.Locale.ROOT, "A layer pixel 0x%08X (%s) with plane alpha %d/255 is blended with blend mode %s "
                + "onto the opaque pixel 0x%08X. What is the result? Use the exact 8-bit rule x·a/255 = "
                + "(t + (t >> 8)) >> 8 with t = x·a + 128, and saturating adds.", s,
                mode == BlendMode.COVERAGE ? "straight colour, alpha = coverage" : "premultiplied ARGB", p, mode, d);
        int result = switch (mode) {
            case NONE -> Combine.none(s, p, d);
            case PREMULTIPLIED -> Combine.premultiplied(s, p, d);
            case COVERAGE -> Combine.coverage(s, p, d);
        };
        int src = switch (mode) {
            case NONE -> Combine.in(s | 0xff000000, p);
            case PREMULTIPLIED -> Combine.in(s, p);
            case COVERAGE -> Combine.in(s | 0xff000000, Un8.mul(a, p));
        };
        String first = switch (mode) {
            case NONE -> String.format(java.util.Locale.ROOT, "NONE ignores the source alpha: s = 0x%08X, times plane alpha %d gives "
                    + "s' = 0x%08X.", s | 0xff000000, p, src);
            case PREMULTIPLIED -> String.format(java.util.Locale.ROOT, "Each channel of s times plane alpha %d/255 gives s' = 0x%08X.", p, src);
            case COVERAGE -> String.format(java.util.Locale.ROOT, "The coverage is s.a·p/255 = %d·%d/255 = %d; the colour, as if opaque, "
                    + "times that coverage gives s' = 0x%08X.", a, p, Un8.mul(a, p), src);
        };
        int inv = 255 - (src >>> 24);
        String a2 = String.format(java.util.Locale.ROOT, "%s Then SRC_OVER: out = s' + d·(255 − %d)/255 per channel: d·%d/255 = 0x%08X, "
                + "plus s' gives 0x%08X.%s", first, src >>> 24, inv, Un8x4.mulUn8(d, inv), result,
                p == 255 && mode == BlendMode.PREMULTIPLIED ? " (With plane alpha 255 this is plain SRC_OVER.)" : "");
        return new QuizQuestion(q, a2);
    }
}
