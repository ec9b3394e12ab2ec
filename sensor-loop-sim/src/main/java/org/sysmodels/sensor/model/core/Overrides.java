package org.sysmodels.sensor.model.core;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Listener interfaces here give every method an empty default, and most observers take only a few events. A part
 * keeps, per frequent event, only the listeners that override its method (found once, when a listener is added), so
 * an event nobody listens to costs no call.
 */
public final class Overrides {

    private Overrides() {
    }

    /** True if {@code listener}'s class implements {@code iface}'s method {@code name} itself (not the default). */
    public static boolean method(Object listener, Class<?> iface, String name, Class<?>... params) {
        try {
            Method m = listener.getClass().getMethod(name, params);
            return m.getDeclaringClass() != iface;
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(iface.getName() + " has no method " + name + Arrays.toString(params),
                    e);
        }
    }

    /** {@code array} with {@code l} appended. */
    public static <T> T[] append(T[] array, T l) {
        T[] out = Arrays.copyOf(array, array.length + 1);
        out[array.length] = l;
        return out;
    }
}
