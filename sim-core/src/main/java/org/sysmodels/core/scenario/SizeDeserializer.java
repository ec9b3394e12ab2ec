package org.sysmodels.core.scenario;

/**
 * Reads a byte size from a number or from text such as "4k" or "1GiB" (see {@link Sizes}). Use on a {@code long} or
 * {@code Long} component with {@code @JsonDeserialize(using = SizeDeserializer.class)}.
 */
public final class SizeDeserializer extends UnitValueDeserializer {

    @Override
    protected long parse(String text) {
        return Sizes.parse(text);
    }

    @Override
    protected String expected() {
        return "a size (bytes, or a string such as \"4k\" or \"1GiB\")";
    }
}
