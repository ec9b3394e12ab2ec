package org.sysmodels.compositor.pixel;

/**
 * Blends a run of n source pixels onto n destination pixels, for each HWC2 blend mode with a plane alpha p (0..255):
 * the inner loops of client composition and of the display's plane blending. Every implementation gives the same
 * bits as {@link Combine} applied pixel by pixel: {@link ScalarSpans} is that loop, {@link VectorSpans} the same
 * arithmetic on SIMD lanes. {@link Spans#best()} picks one.
 */
public interface SpanBlender {

    /** dst = PREMULTIPLIED(src, p) over dst. */
    void premultiplied(int[] src, int srcOff, int p, int[] dst, int dstOff, int n);

    /** dst = NONE(src, p) over dst: the source alpha byte is ignored. */
    void none(int[] src, int srcOff, int p, int[] dst, int dstOff, int n);

    /** dst = COVERAGE(src, p) over dst: the source is straight (not premultiplied) ARGB. */
    void coverage(int[] src, int srcOff, int p, int[] dst, int dstOff, int n);

    /** dst = (color IN p) OVER dst for a premultiplied color: a solid-color layer. */
    void solid(int color, int p, int[] dst, int dstOff, int n);

    /**
     * SRC_OVER of {@code count} premultiplied sources, bottom first, onto the same n destination pixels, each read at
     * its own offset: the tiled pass, which blends every layer of a span while the destination stays in registers.
     */
    void overStack(int[][] srcs, int[] srcOffs, int count, int[] dst, int dstOff, int n);

    /** "scalar" or "vector (512-bit)". */
    String name();
}
