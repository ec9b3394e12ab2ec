package org.sysmodels.compositor.model;

import org.sysmodels.compositor.pixel.Image;

/** A gralloc buffer: an id and its RGBA_8888 pixels, which the producer writes and the consumer reads. */
public record GraphicBuffer(long id, Image image) {

    public int width() {
        return image.width();
    }

    public int height() {
        return image.height();
    }
}
