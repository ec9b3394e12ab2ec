package org.sysmodels.core.random;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One root seed, one independent {@link RandomStream} per named component. A stream's seed depends only on the root
 * seed and the component's name, so adding a component (or drawing more numbers in one) changes no other stream.
 */
public final class RandomStreams {

    private final long rootSeed;
    private final Map<String, RandomStream> streams = new LinkedHashMap<>();

    public RandomStreams(long rootSeed) {
        this.rootSeed = rootSeed;
    }

    public long rootSeed() {
        return rootSeed;
    }

    /** The stream of the named component; the same object on every call with the same name. */
    public RandomStream stream(String component) {
        return streams.computeIfAbsent(component, name -> new RandomStream(seedFor(rootSeed, name)));
    }

    /** The seed of a component's stream: the root seed mixed with a 64-bit FNV-1a hash of the name's UTF-8 bytes. */
    public static long seedFor(long rootSeed, String component) {
        long h = 0xcbf29ce484222325L;
        for (byte b : component.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return RandomStream.mix64(rootSeed ^ RandomStream.mix64(h));
    }
}
