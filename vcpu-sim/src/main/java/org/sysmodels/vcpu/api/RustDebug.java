package org.sysmodels.vcpu.api;

/**
 * A string as Rust's {@code Debug} for {@code str} writes it, which serde uses for an unexpected string
 * ({@code Unexpected::Str}: "string {:?}"): in double quotes, with {@code \"}, {@code \\}, {@code \n}, {@code \r},
 * {@code \t}, {@code \0} escaped and other control or invisible characters as a backslash, "u" and the hex code in braces
 * ({@code char::escape_debug}).
 */
final class RustDebug {

    private RustDebug() {
    }

    static String str(String s) {
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0 -> out.append("\\0");
                default -> {
                    if (printable(c)) {
                        out.appendCodePoint(c);
                    } else {
                        out.append("\\u{").append(Integer.toHexString(c)).append('}');
                    }
                }
            }
        });
        return out.append('"').toString();
    }

    private static boolean printable(int c) {
        int type = Character.getType(c);
        return type != Character.CONTROL && type != Character.FORMAT && type != Character.UNASSIGNED
                && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR
                && type != Character.SURROGATE && type != Character.PRIVATE_USE
                && (type != Character.SPACE_SEPARATOR || c == ' ');
    }
}
