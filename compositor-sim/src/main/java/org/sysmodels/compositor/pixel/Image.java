package org.sysmodels.compositor.pixel;

import java.util.Arrays;

/**
 * A width × height block of ARGB8888 pixels, row-major with stride = width: the memory of a graphic buffer, of the
 * client target or of the screen. Whether the pixels are premultiplied is the user's business (a layer's blend mode
 * says how to read them), as with a real gralloc buffer.
 */
public final class Image {

    private final int width;
    private final int height;
    private final int[] pixels;

    public Image(int width, int height) {
        if (width <= 0 || height <= 0 || (long) width * height > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("image size " + width + "×" + height + " is not allowed");
        }
        this.width = width;
        this.height = height;
        this.pixels = new int[width * height];
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The pixel array itself (no copy): kernels read and write it directly. */
    public int[] pixels() {
        return pixels;
    }

    public Rect bounds() {
        return Rect.ofSize(width, height);
    }

    public int get(int x, int y) {
        return pixels[y * width + x];
    }

    public void set(int x, int y, int argb) {
        pixels[y * width + x] = argb;
    }

    public void fill(int argb) {
        Arrays.fill(pixels, argb);
    }

    public void fill(Rect r, int argb) {
        Rect c = r.intersect(bounds());
        for (int y = c.top(); y < c.bottom(); y++) {
            Arrays.fill(pixels, y * width + c.left(), y * width + c.right(), argb);
        }
    }

    public Image copy() {
        Image c = new Image(width, height);
        System.arraycopy(pixels, 0, c.pixels, 0, pixels.length);
        return c;
    }

    public boolean samePixels(Image o) {
        return width == o.width && height == o.height && Arrays.equals(pixels, o.pixels);
    }

    @Override
    public String toString() {
        return "Image[" + width + "×" + height + "]";
    }
}
