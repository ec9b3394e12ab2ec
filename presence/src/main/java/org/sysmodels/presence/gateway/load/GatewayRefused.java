package org.sysmodels.presence.gateway.load;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.sysmodels.presence.gateway.protocol.CloseCode;

/**
 * A load that cannot run, known once the connections have opened (or failed to): no session could be opened, or the
 * gateway closed connections with a code after which a client must not reconnect (opcodes-and-status-codes.mdx,
 * the Reconnect column: 4004 for tokens it does not know, 4012 for the API version, ...). Holding the load for its
 * duration would only measure nothing, so the run stops with one line saying why.
 */
public final class GatewayRefused extends Exception {

    GatewayRefused(String message) {
        super(message);
    }

    /** Why a load with these opening results cannot run, or empty if it can. */
    static Optional<GatewayRefused> check(LoadConfig cfg, int held, long failures, Map<Integer, Long> closes,
                                          String firstFailure) {
        for (Map.Entry<Integer, Long> e : closes.entrySet()) {
            Optional<CloseCode> code = Arrays.stream(CloseCode.values()).filter(c -> c.code() == e.getKey())
                    .findFirst();
            if (code.isPresent() && !code.get().reconnect()) {
                return Optional.of(new GatewayRefused(refusal(cfg, code.get(), e.getValue())));
            }
        }
        if (held > 0) {
            return Optional.empty();
        }
        if (failures > 0) {
            return Optional.of(new GatewayRefused("no connection could be made (" + firstFailure + "); is `sim "
                    + "presence serve --load-world " + cfg.connections() + "` running there?"));
        }
        return Optional.of(new GatewayRefused("no session could be opened: closes by code " + closes));
    }

    private static String refusal(LoadConfig cfg, CloseCode code, long count) {
        String what = "the gateway closed " + count + " of " + cfg.connections() + " connections with "
                + code.code() + " (" + code.description() + ")";
        return switch (code) {
            case AUTHENTICATION_FAILED -> what + ": it does not know the load world's tokens (load-0, load-1, ...); "
                    + "start it with `sim presence serve --load-world " + cfg.connections() + " --watchers "
                    + cfg.watchers() + "` (N at least --connections, W as here)";
            case INVALID_API_VERSION -> what + ": this load speaks v=10 only; give the gateway's URL without a query";
            default -> what + ": a client must not reconnect after it";
        };
    }
}
