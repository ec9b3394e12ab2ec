package org.sysmodels.bench.compositor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.sysmodels.compositor.model.CompositionEngine;
import org.sysmodels.compositor.pixel.Image;

/** The engine and its peers must compute the same frame, or the ratios mean nothing. */
class BlendWorkloadTest {

    @Test
    void engineGivesPixmansBitsAndJava2dsPictureOnBothWorkloads() {
        for (boolean translucent : new boolean[] {false, true}) {
            BlendWorkload w = new BlendWorkload(translucent);
            Image target = new Image(BlendWorkload.WIDTH, BlendWorkload.HEIGHT);
            new CompositionEngine().compose(w.compositionLayers(), target, BlendWorkload.BACKGROUND);

            Java2dPeer java2d = new Java2dPeer(w);
            java2d.frame();
            int[] j = java2d.result();
            int worst = 0;
            for (int i = 0; i < j.length; i++) {
                for (int shift = 0; shift < 32; shift += 8) {
                    worst = Math.max(worst, Math.abs((j[i] >>> shift & 0xff) - (target.pixels()[i] >>> shift & 0xff)));
                }
            }
            // Java2D gives the same bits here (JDK 25); other versions may round their own way, by a level or two.
            assertTrue(worst <= 8, "Java2D differs by up to " + worst + " levels");

            PixmanPeer pixman;
            try {
                pixman = new PixmanPeer(w);
            } catch (IllegalStateException | UnsatisfiedLinkError e) {
                assumeTrue(false, "skipped the pixman comparison: " + e.getMessage());
                return;
            }
            pixman.frame();
            assertArrayEquals(pixman.result(), target.pixels(), "pixman and the engine must agree bit for bit");
        }
    }
}
