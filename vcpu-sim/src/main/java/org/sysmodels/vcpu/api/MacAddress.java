package org.sysmodels.vcpu.api;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A guest MAC address as Firecracker reads and writes it ({@code src/vmm/src/utils/net/mac.rs}): {@code FromStr}
 * takes six parts split on ':', each two bytes long that {@code u8::from_str_radix(part, 16)} accepts (so "+a" is 10);
 * {@code Display} writes each byte as two lowercase hex digits. Two spellings of one address are the same address.
 */
final class MacAddress {

    private MacAddress() {
    }

    /** {@code text} as MacAddr's Display writes it ("06:00:ac:10:00:02"), or null if FromStr refuses it. */
    static String canonical(Object text) {
        String[] parts = ((String) text).split(":", -1);
        if (parts.length != 6) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (String p : parts) {
            if (p.getBytes(StandardCharsets.UTF_8).length != 2 || !p.matches("\\+[0-9a-fA-F]|[0-9a-fA-F]{2}")) {
                return null;
            }
            out.append(out.isEmpty() ? "" : ":")
                    .append(String.format(Locale.ROOT, "%02x", Integer.parseInt(p.replace("+", ""), 16)));
        }
        return out.toString();
    }
}
