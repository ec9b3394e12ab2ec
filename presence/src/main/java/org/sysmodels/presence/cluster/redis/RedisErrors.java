package org.sysmodels.presence.cluster.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** What to tell a user about Redis: where it is, and what went wrong under the futures' and Lettuce's wrappers. */
final class RedisErrors {

    private RedisErrors() {
    }

    /** {@code u} for messages, with its port even when it is the default one (RedisURI's own text leaves it out). */
    static String where(RedisURI u) {
        if (u.getHost() == null || !u.getSentinels().isEmpty()) {
            return u.toString();
        }
        return (u.isSsl() ? "rediss://" : "redis://") + u.getHost() + ":" + u.getPort()
                + (u.getDatabase() == 0 ? "" : "/" + u.getDatabase());
    }

    /** The message of what went wrong at the root, or "no answer in time" for a time-out. */
    static String rootMessage(Throwable e) {
        Throwable t = root(e);
        return t instanceof TimeoutException ? "no answer in time" : String.valueOf(t.getMessage());
    }

    /** What went wrong under the futures' and Lettuce's "Unable to connect" wrappers. */
    private static Throwable root(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        while (t.getCause() != null && t.getCause() != t && t.getMessage() != null
                && t.getMessage().startsWith("Unable to connect")) {
            t = t.getCause();
        }
        return t;
    }

    /** Whether the connection was made and then dropped during Lettuce's handshake, with the server's answer lost. */
    static boolean droppedInHandshake(Throwable e) {
        String why = rootMessage(e);
        return why.equals("RedisHandshakeHandler not registered") || why.equals("Connection closed prematurely");
    }

    /**
     * Why connecting to Redis at {@code uri} failed: unreachable, or reached and refused (a login it wants, or
     * another error reply, such as a database index out of range), which "cannot reach" would misname.
     */
    static String connectFailure(String uri, Throwable e) {
        String why = rootMessage(e);
        if (why.startsWith("NOAUTH") || why.startsWith("WRONGPASS")) {
            return "Redis at " + uri + " refused the login (" + why + "); give its password in --cluster: "
                    + "redis://:PASSWORD@HOST:PORT, or redis://USER:PASSWORD@HOST:PORT for a Redis ACL user";
        }
        if (root(e) instanceof RedisCommandExecutionException) {
            return "Redis at " + uri + " refused the connection: " + why;
        }
        return "cannot reach Redis at " + uri + ": " + why;
    }
}
