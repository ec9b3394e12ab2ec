package org.sysmodels.presence.model.cluster;

/**
 * What a node had sent a session when its connection was lost: the last sequence number ({@code s}) and the lowest
 * one a Resume may name ({@code resumableFrom}: the events before it, READY, GUILD_CREATE and member chunks, are not
 * kept for replay). A shared backend keeps it with the session, so that a node a client resumes on judges the Resume's
 * {@code seq} as the node that sent them would (4007 above {@code last}, Invalid Session below
 * {@code resumableFrom}). {@link #UNKNOWN}: nothing recorded (the holder died, or the client resumed elsewhere before
 * its node saw the connection go).
 */
public record SentSoFar(long last, long resumableFrom) {

    public static final SentSoFar UNKNOWN = new SentSoFar(-1, -1);

    public boolean known() {
        return last >= 0;
    }
}
