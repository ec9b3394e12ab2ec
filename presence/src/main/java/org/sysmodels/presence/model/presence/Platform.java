package org.sysmodels.presence.model.presence;

import java.util.Optional;

/**
 * The platforms of the Client Status Object (discord-api-docs, gateway-events.mdx, "Client Status Object"): desktop,
 * mobile, web and vr. Which platform a connection is on is this model's convention (the Identify property
 * {@code device}), since Discord's docs do not say how it is derived.
 */
public enum Platform {
    DESKTOP("desktop"),
    MOBILE("mobile"),
    WEB("web"),
    VR("vr");

    private static final Platform[] VALUES = values();

    private final String wire;

    Platform(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<Platform> parse(String wire) {
        for (Platform p : VALUES) {
            if (p.wire.equals(wire)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public static Platform ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    public static int count() {
        return VALUES.length;
    }
}
