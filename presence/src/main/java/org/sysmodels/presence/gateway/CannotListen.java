package org.sysmodels.presence.gateway;

/**
 * The listening socket could not be opened on the configured address: a host that does not resolve, an address of
 * another machine (bind(2) EADDRNOTAVAIL), a port in use (EADDRINUSE) or reserved (EACCES), or SO_REUSEPORT not
 * supported. The message says which, without the transport's exception classes.
 */
public final class CannotListen extends RuntimeException {

    CannotListen(String host, int port, Throwable cause) {
        super("cannot listen on " + host + ":" + port + " (" + reason(cause) + ")", cause);
    }

    CannotListen(String reason) {
        super(reason);
    }

    private static String reason(Throwable e) {
        if (e instanceof java.nio.channels.UnresolvedAddressException) {
            return "no such host";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
