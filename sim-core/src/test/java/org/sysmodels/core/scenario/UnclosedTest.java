package org.sysmodels.core.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.random.RandomStream;
import org.sysmodels.core.testing.Props;

/**
 * Where a truncated scenario file went wrong. A generated document records where each object, list, string and
 * comment opens and closes; for every cut of it, the reference answer is the innermost element opened before the cut
 * and closed after it (line comments end at the line, so they never stay open), and {@link Unclosed} must name it
 * at its line and column.
 */
class UnclosedTest {

    /** An element of the generated text: its opening character and the offsets of its first and last characters. */
    record Span(char kind, int first, int last) {
    }

    /** Generates JSON with comments from a seed, recording every element's span. */
    static final class Doc {
        final StringBuilder text = new StringBuilder();
        final List<Span> spans = new ArrayList<>();
        final RandomStream r;

        Doc(long seed) {
            r = new RandomStream(seed);
            gap();
            value(0);
            gap();
        }

        void gap() {
            switch (r.nextInt(8)) {
                case 0 -> text.append('\n');
                case 1 -> text.append(' ');
                case 2 -> {
                    int first = text.length();
                    text.append("// a {[\"*/ remark\n");
                    spans.add(new Span('/', first, text.length() - 1));
                }
                case 3 -> {
                    int first = text.length();
                    text.append(r.nextInt(2) == 0 ? "/* { \" [\n ** / */" : "/**/");
                    spans.add(new Span('*', first, text.length() - 1));
                }
                default -> {
                }
            }
        }

        void string() {
            int first = text.length();
            text.append('"');
            int n = r.nextInt(5);
            for (int i = 0; i < n; i++) {
                text.append(switch (r.nextInt(7)) {
                    case 0 -> "\\\"";
                    case 1 -> "\\\\";
                    case 2 -> "{";
                    case 3 -> "]";
                    case 4 -> "/*";
                    case 5 -> "//";
                    default -> "x";
                });
            }
            text.append('"');
            spans.add(new Span('"', first, text.length() - 1));
        }

        void value(int depth) {
            int k = r.nextInt(depth > 3 ? 3 : 6);
            switch (k) {
                case 0 -> text.append(r.nextInt(1000));
                case 1 -> text.append(r.nextInt(2) == 0 ? "true" : "null");
                case 2 -> string();
                case 3, 4 -> {
                    int first = text.length();
                    text.append('{');
                    int n = r.nextInt(4);
                    for (int i = 0; i < n; i++) {
                        if (i > 0) {
                            text.append(',');
                        }
                        gap();
                        string();
                        gap();
                        text.append(':');
                        gap();
                        value(depth + 1);
                        gap();
                    }
                    text.append('}');
                    spans.add(new Span('{', first, text.length() - 1));
                }
                default -> {
                    int first = text.length();
                    text.append('[');
                    int n = r.nextInt(4);
                    for (int i = 0; i < n; i++) {
                        if (i > 0) {
                            text.append(',');
                        }
                        gap();
                        value(depth + 1);
                        gap();
                    }
                    text.append(']');
                    spans.add(new Span('[', first, text.length() - 1));
                }
            }
        }

        /** The reference: what is open when the text is cut after {@code length} characters. */
        String expectedAt(int length) {
            Span leaf = null;
            Span struct = null;
            for (Span s : spans) {
                // A comment opens with two characters: a lone '/' at the end opens nothing yet.
                int opened = s.kind() == '*' ? s.first() + 2 : s.first() + 1;
                boolean open = opened <= length && s.last() >= length;
                if (!open || s.kind() == '/') {
                    continue;
                }
                if (s.kind() == '"' || s.kind() == '*') {
                    leaf = s;
                } else if (struct == null || s.first() > struct.first()) {
                    struct = s;
                }
            }
            Span innermost = leaf != null ? leaf : struct;
            if (innermost == null) {
                return "the file ends too early: a value is missing";
            }
            String prefix = text.substring(0, innermost.first());
            int line = 1 + (int) prefix.chars().filter(c -> c == '\n').count();
            int column = innermost.first() - (prefix.lastIndexOf('\n') + 1) + 1;
            String what = switch (innermost.kind()) {
                case '{' -> "an object opened at line " + line + ", column " + column + " (a closing } is missing)";
                case '[' -> "a list opened at line " + line + ", column " + column + " (a closing ] is missing)";
                case '"' -> "a string opened at line " + line + ", column " + column + " (a closing quote is missing)";
                default -> "a comment opened at line " + line + ", column " + column + " (a closing */ is missing)";
            };
            return "the file ends inside " + what;
        }
    }

    @Test
    void everyCutOfAGeneratedDocumentNamesWhatIsStillOpen() {
        Props.property(400).forAll(longs().all()).checkAssert(seed -> {
            Doc d = new Doc(seed);
            String text = d.text.toString();
            for (int length = 0; length <= text.length(); length++) {
                String cut = text.substring(0, length);
                assertEquals(d.expectedAt(length), Unclosed.describe(cut), "cut after " + length + ": " + cut);
            }
        });
    }

    @Test
    void theEndIsThePositionJustPastTheLastCharacter() {
        assertArrayEquals(new int[] {1, 1}, Unclosed.end(""));
        assertArrayEquals(new int[] {1, 4}, Unclosed.end("abc"));
        assertArrayEquals(new int[] {2, 1}, Unclosed.end("abc\n"));
        assertArrayEquals(new int[] {3, 3}, Unclosed.end("a\n\nxy"));
    }

    @Test
    void examples() {
        assertEquals("the file ends too early: a value is missing", Unclosed.describe(""));
        assertEquals("the file ends too early: a value is missing", Unclosed.describe("// only a remark {"));
        assertEquals("the file ends too early: a value is missing", Unclosed.describe("}]{}[]"));
        assertEquals("the file ends inside an object opened at line 1, column 3 (a closing } is missing)",
                Unclosed.describe("}]{\"a\": 1"));
        assertEquals("the file ends inside a list opened at line 2, column 8 (a closing ] is missing)",
                Unclosed.describe("{\"a\":\n  \"b\": [1, {\"c\": \"}\"}"));
        assertEquals("the file ends inside a string opened at line 1, column 7 (a closing quote is missing)",
                Unclosed.describe("{\"a\": \"x\\\"y\\\\\\\"z"));
        assertEquals("the file ends inside a comment opened at line 1, column 9 (a closing */ is missing)",
                Unclosed.describe("{\"a\": 1 /* note * / *"));
        assertEquals("the file ends inside an object opened at line 1, column 1 (a closing } is missing)",
                Unclosed.describe("{\"a\": 1 */ /x /"));
        assertEquals("the file ends inside an object opened at line 1, column 1 (a closing } is missing)",
                Unclosed.describe("{ // [ \"\n"));
    }
}
