package org.sysmodels.compositor.output;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.sysmodels.compositor.pixel.Combine;
import org.sysmodels.compositor.pixel.Image;

/**
 * Writes a premultiplied ARGB image as a PNG file (PNG stores straight alpha, so pixels are un-premultiplied first,
 * see {@link Combine#unpremultiply}). The same pixels always give the same file bytes.
 */
public final class Png {

    private Png() {
    }

    public static void write(Image img, Path file) {
        BufferedImage out = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_INT_ARGB);
        int[] row = new int[img.width()];
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                row[x] = Combine.unpremultiply(img.pixels()[y * img.width() + x]);
            }
            out.setRGB(0, y, img.width(), 1, row, 0, img.width());
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!ImageIO.write(out, "png", file.toFile())) {
                throw new IOException("no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
