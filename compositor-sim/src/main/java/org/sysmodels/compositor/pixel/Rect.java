package org.sysmodels.compositor.pixel;

/**
 * An integer rectangle, left and top inclusive, right and bottom exclusive, as {@code hwc_rect_t} and Android's
 * {@code ui::Rect}. Empty when right ≤ left or bottom ≤ top.
 */
public record Rect(int left, int top, int right, int bottom) {

    public static final Rect EMPTY = new Rect(0, 0, 0, 0);

    public static Rect ofSize(int width, int height) {
        return new Rect(0, 0, width, height);
    }

    public static Rect of(int left, int top, int width, int height) {
        return new Rect(left, top, left + width, top + height);
    }

    public int width() {
        return Math.max(0, right - left);
    }

    public int height() {
        return Math.max(0, bottom - top);
    }

    public long area() {
        return (long) width() * height();
    }

    public boolean isEmpty() {
        return right <= left || bottom <= top;
    }

    public Rect intersect(Rect o) {
        Rect r = new Rect(Math.max(left, o.left), Math.max(top, o.top), Math.min(right, o.right),
                Math.min(bottom, o.bottom));
        return r.isEmpty() ? EMPTY : r;
    }

    public boolean intersects(Rect o) {
        return !intersect(o).isEmpty();
    }

    /** True when every pixel of o lies in this rectangle (an empty o is contained everywhere). */
    public boolean contains(Rect o) {
        return o.isEmpty() || (o.left >= left && o.top >= top && o.right <= right && o.bottom <= bottom);
    }

    /** The smallest rectangle holding both. */
    public Rect bounds(Rect o) {
        if (isEmpty()) {
            return o;
        }
        if (o.isEmpty()) {
            return this;
        }
        return new Rect(Math.min(left, o.left), Math.min(top, o.top), Math.max(right, o.right),
                Math.max(bottom, o.bottom));
    }

    public Rect offset(int dx, int dy) {
        return new Rect(left + dx, top + dy, right + dx, bottom + dy);
    }

    @Override
    public String toString() {
        return "[" + left + "," + top + " " + width() + "×" + height() + "]";
    }
}
