package org.sysmodels.presence.gateway;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import org.sysmodels.presence.gateway.protocol.ClientPayload;
import org.sysmodels.presence.gateway.protocol.CloseCode;

/**
 * The gateway URL's query, judged once the upgrade is done (discord-api-docs gateway.mdx, "Connecting"): {@code v}
 * (only 10 is served, else 4012), {@code encoding} (only json, else 4002) and {@code compress} (only zlib-stream: the
 * JDK has no zstd, else 4002). Absent parameters take Discord's defaults.
 *
 * @param zlibStream the client asked for zlib-stream transport compression
 * @param refused why the connection closes at once, or null
 */
record GatewayUrl(boolean zlibStream, ClientPayload.Refused refused) {

    static GatewayUrl of(String requestUri) {
        var parameters = new QueryStringDecoder(requestUri).parameters();
        List<String> v = parameters.get("v");
        List<String> encoding = parameters.get("encoding");
        List<String> compress = parameters.get("compress");
        if (v != null && !v.contains("10")) {
            return refuse(CloseCode.INVALID_API_VERSION, "only v=10 is served");
        }
        if (encoding != null && !encoding.contains("json")) {
            return refuse(CloseCode.DECODE_ERROR, "only encoding=json is served");
        }
        if (compress != null && !compress.contains("zlib-stream")) {
            return refuse(CloseCode.DECODE_ERROR, "of the transport compressions only compress=zlib-stream is served");
        }
        return new GatewayUrl(compress != null, null);
    }

    private static GatewayUrl refuse(CloseCode code, String reason) {
        return new GatewayUrl(false, new ClientPayload.Refused(code, reason));
    }
}
