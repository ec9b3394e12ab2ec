package org.sysmodels.bench.compositor;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Java2D, the second peer: {@code drawImage} with {@link AlphaComposite#SrcOver} of {@code TYPE_INT_ARGB_PRE} images,
 * the same premultiplied pixels, onto a destination of the same type (no format conversion on the way).
 */
public final class Java2dPeer {

    private final BufferedImage[] layers = new BufferedImage[BlendWorkload.LAYERS];
    private final BufferedImage dst;
    private final Graphics2D g;

    public Java2dPeer(BlendWorkload workload) {
        for (int k = 0; k < layers.length; k++) {
            layers[k] = premultiplied();
            int[] px = ((DataBufferInt) layers[k].getRaster().getDataBuffer()).getData();
            System.arraycopy(workload.layers[k].pixels(), 0, px, 0, px.length);
        }
        dst = premultiplied();
        g = dst.createGraphics();
    }

    private static BufferedImage premultiplied() {
        return new BufferedImage(BlendWorkload.WIDTH, BlendWorkload.HEIGHT, BufferedImage.TYPE_INT_ARGB_PRE);
    }

    /** One frame: background, then every layer with SrcOver. */
    public void frame() {
        g.setComposite(AlphaComposite.Src);
        g.setColor(new Color(BlendWorkload.BACKGROUND, true));
        g.fillRect(0, 0, BlendWorkload.WIDTH, BlendWorkload.HEIGHT);
        g.setComposite(AlphaComposite.SrcOver);
        for (BufferedImage layer : layers) {
            g.drawImage(layer, 0, 0, null);
        }
    }

    public int[] result() {
        return ((DataBufferInt) dst.getRaster().getDataBuffer()).getData().clone();
    }
}
