package org.sysmodels.compositor.pixel;

/**
 * Chooses the span kernels: the Vector API ones when the JVM was started with {@code --add-modules
 * jdk.incubator.vector}, else the scalar ones (same bits, slower). {@code -Dsysmodels.compositor.scalar=true} forces
 * the scalar kernels.
 */
public final class Spans {

    private static final SpanBlender BEST = choose();

    private Spans() {
    }

    public static SpanBlender best() {
        return BEST;
    }

    public static SpanBlender scalar() {
        return ScalarSpans.INSTANCE;
    }

    /** True when the Vector API module is present, so {@link #vector()} works. */
    public static boolean vectorAvailable() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** The Vector API kernels. @throws IllegalStateException without the module */
    public static SpanBlender vector() {
        if (!vectorAvailable()) {
            throw new IllegalStateException("the Vector API is not available: start the JVM with "
                    + "--add-modules jdk.incubator.vector");
        }
        try {
            // Loaded by name so that this class links without the incubator module.
            return (SpanBlender) Class.forName("org.sysmodels.compositor.pixel.VectorSpans")
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load the vector kernels", e);
        }
    }

    private static SpanBlender choose() {
        if (Boolean.getBoolean("sysmodels.compositor.scalar") || !vectorAvailable()) {
            return scalar();
        }
        return vector();
    }
}
