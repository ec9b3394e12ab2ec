package org.sysmodels.core.scenario;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Where a truncated JSON text went wrong: the innermost object, list or string still open at the end, found by a
 * scan that skips strings and {@code //} and block comments, so the message can say "the file ends inside an object
 * opened at line 3, column 15" instead of the parser's internals.
 */
final class Unclosed {

    private Unclosed() {
    }

    /** One opening: its character and position (1-based line and column). */
    private record Open(char what, int line, int column) {
    }

    static String describe(String text) {
        Open open = innermost(text);
        if (open == null) {
            return "the file ends too early: a value is missing";
        }
        String what = switch (open.what()) {
            case '{' -> "an object";
            case '[' -> "a list";
            case '"' -> "a string";
            default -> "a comment";
        };
        return "the file ends inside " + what + " opened at line " + open.line() + ", column " + open.column()
                + (open.what() == '"' ? " (a closing quote is missing)" : " (a closing "
                + (open.what() == '{' ? "}" : open.what() == '[' ? "]" : "*/") + " is missing)");
    }

    /** The position just past the last character: where the parser ran out. */
    static int[] end(String text) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[] {line, column};
    }

    private static Open innermost(String text) {
        Deque<Open> stack = new ArrayDeque<>();
        int line = 1;
        int column = 0;
        Open inside = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                column = 0;
                if (inside != null && inside.what() == '/') {
                    inside = null;
                }
                continue;
            }
            column++;
            if (inside != null) {
                switch (inside.what()) {
                    case '"' -> {
                        if (c == '\\') {
                            i++;
                            column++;
                        } else if (c == '"') {
                            inside = null;
                        }
                    }
                    case '*' -> {
                        if (c == '*' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                            inside = null;
                            i++;
                            column++;
                        }
                    }
                    default -> { }
                }
                continue;
            }
            if (c == '"') {
                inside = new Open('"', line, column);
            } else if (c == '/' && i + 1 < text.length() && (text.charAt(i + 1) == '/' || text.charAt(i + 1) == '*')) {
                inside = new Open(text.charAt(i + 1), line, column);
                i++;
                column++;
            } else if (c == '{' || c == '[') {
                stack.push(new Open(c, line, column));
            } else if ((c == '}' || c == ']') && !stack.isEmpty()) {
                stack.pop();
            }
        }
        if (inside != null && inside.what() != '/') {
            return inside;
        }
        return stack.peek();
    }
}
