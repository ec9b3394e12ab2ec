package org.sysmodels.presence.model.cluster;

/**
 * A session taken over from another node ({@link ClusterBackend#adopt}): its id on the adopting node, whether it
 * asked for guild presences at Identify, its GUILD_MEMBERS bit as the cluster carried it, and what its old node had
 * sent it when the connection was lost ({@link SentSoFar#UNKNOWN} if that node never recorded it). {@link #NONE}:
 * the cluster no longer has it (Invalid Session).
 */
public record Adoption(int session, boolean guildPresences, IntentBit guildMembers, SentSoFar sent) {

    public static final Adoption NONE = new Adoption(-1, false, IntentBit.UNKNOWN, SentSoFar.UNKNOWN);

    public boolean found() {
        return session >= 0;
    }
}
