package org.sysmodels.presence.model.presence;

import java.util.Optional;

/**
 * A user's status per platform, packed in one int (4 bits per platform: 0 absent, else the status ordinal + 1).
 * "Active sessions are indicated with an online, idle, or dnd string per platform. If a user is offline or
 * invisible, the corresponding field is not present" (discord-api-docs, gateway-events.mdx, "Client Status Object"):
 * {@link #with} refuses any other status, so an invisible platform cannot be written into it.
 */
public record ClientStatus(int packed) {

    public static final ClientStatus NONE = new ClientStatus(0);

    /** The status shown for {@code platform}, or empty where the user is offline or invisible there. */
    public Optional<Status> get(Platform platform) {
        int v = (packed >>> (platform.ordinal() * 4)) & 0xF;
        return v == 0 ? Optional.empty() : Optional.of(Status.ofOrdinal(v - 1));
    }

    /** A copy with {@code platform} showing {@code status}, which must be online, idle or dnd. */
    public ClientStatus with(Platform platform, Status status) {
        if (!status.visible()) {
            throw new IllegalArgumentException("client_status holds only online, idle and dnd, not " + status.wire());
        }
        int shift = platform.ordinal() * 4;
        return new ClientStatus((packed & ~(0xF << shift)) | ((status.ordinal() + 1) << shift));
    }

    public boolean isEmpty() {
        return packed == 0;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < Platform.count(); i++) {
            Platform p = Platform.ofOrdinal(i);
            Optional<Status> s = get(p);
            if (s.isPresent()) {
                b.append(b.length() > 1 ? ", " : "").append(p.wire()).append('=').append(s.get().wire());
            }
        }
        return b.append('}').toString();
    }
}
