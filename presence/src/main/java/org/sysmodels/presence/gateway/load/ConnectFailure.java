package org.sysmodels.presence.gateway.load;

import java.util.concurrent.CompletionException;

/**
 * A failed connection's cause in the words a user acts on: Netty's native transports say "finishConnect(..) failed
 * with error(-111): Connection refused" (the prefix goes), its handshaker "Invalid handshake response getStatus: 404
 * Not Found" (a server that is not a gateway at that path).
 */
final class ConnectFailure {

    private ConnectFailure() {
    }

    static String describe(Throwable err) {
        Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        if (cause.getMessage() == null) {
            return cause.getClass().getSimpleName();
        }
        return cause.getMessage()
                .replaceFirst("^.*failed with error\\(-?\\d+\\): ", "")
                .replaceFirst("^Invalid handshake response getStatus: (.*)$",
                        "the server answered HTTP $1, not a WebSocket upgrade: is the path the gateway's, /gateway?");
    }
}
