package org.sysmodels.presence.model.cluster;

/**
 * A session taken over from another node ({@link ClusterBackend#adopt}): its id on the adopting node and whether it
 * asked for guild presences at Identify. {@link #NONE}: the cluster no longer has it (Invalid Session).
 */
public record Adoption(int session, boolean guildPresences) {

    public static final Adoption NONE = new Adoption(-1, false);

    public boolean found() {
        return session >= 0;
    }
}
