package org.sysmodels.presence.gateway;

/** Where a {@link GatewayConnection} is: Hello sent, then Identify or Resume (discord-api-docs gateway.mdx). */
enum ConnectionState {
    /** Hello sent; only Heartbeat, Identify or Resume are allowed (else 4003). */
    AWAITING,
    /** Identify or Resume was sent on; another is 4005. */
    AUTHENTICATED,
    /** Closed or closing: nothing more is read or written. */
    CLOSED
}
