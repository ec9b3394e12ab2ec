package org.sysmodels.compositor.app;

import java.util.HashMap;
import java.util.Map;

/**
 * A 5×7 pixel font drawn for this project: digits, capital letters (small letters are shown as capitals) and common
 * punctuation. Each glyph is seven rows of five bits, most significant bit on the left. No font files, no AWT.
 */
public final class BitmapFont {

    public static final int WIDTH = 5;
    public static final int HEIGHT = 7;
    /** Horizontal distance between glyph origins, in font pixels. */
    public static final int ADVANCE = 6;

    private static final Map<Character, int[]> GLYPHS = new HashMap<>();

    static {
        String table = """
                0 0E 11 13 15 19 11 0E|1 04 0C 04 04 04 04 0E|2 0E 11 01 02 04 08 1F|3 1E 01 01 0E 01 01 1E
                4 02 06 0A 12 1F 02 02|5 1F 10 1E 01 01 11 0E|6 06 08 10 1E 11 11 0E|7 1F 01 02 04 08 08 08
                8 0E 11 11 0E 11 11 0E|9 0E 11 11 0F 01 02 0C|A 0E 11 11 1F 11 11 11|B 1E 11 11 1E 11 11 1E
                C 0E 11 10 10 10 11 0E|D 1C 12 11 11 11 12 1C|E 1F 10 10 1E 10 10 1F|F 1F 10 10 1E 10 10 10
                G 0E 11 10 17 11 11 0F|H 11 11 11 1F 11 11 11|I 0E 04 04 04 04 04 0E|J 07 02 02 02 02 12 0C
                K 11 12 14 18 14 12 11|L 10 10 10 10 10 10 1F|M 11 1B 15 15 11 11 11|N 11 11 19 15 13 11 11
                O 0E 11 11 11 11 11 0E|P 1E 11 11 1E 10 10 10|Q 0E 11 11 11 15 12 0D|R 1E 11 11 1E 14 12 11
                S 0F 10 10 0E 01 01 1E|T 1F 04 04 04 04 04 04|U 11 11 11 11 11 11 0E|V 11 11 11 11 11 0A 04
                W 11 11 11 15 15 15 0A|X 11 11 0A 04 0A 11 11|Y 11 11 0A 04 04 04 04|Z 1F 01 02 04 08 10 1F
                : 00 0C 0C 00 0C 0C 00|. 00 00 00 00 00 0C 0C|, 00 00 00 00 0C 04 08|- 00 00 00 1F 00 00 00
                + 00 04 04 1F 04 04 00|% 18 19 02 04 08 13 03|/ 00 01 02 04 08 10 00|( 02 04 08 08 08 04 02
                ) 08 04 02 02 02 04 08|! 04 04 04 04 04 00 04|? 0E 11 01 02 04 00 04|# 0A 0A 1F 0A 1F 0A 0A
                ' 04 04 08 00 00 00 00|= 00 00 1F 00 1F 00 00|< 02 04 08 10 08 04 02|> 08 04 02 01 02 04 08
                _ 00 00 00 00 00 00 1F|* 00 15 0E 1F 0E 15 00
                """;
        for (String entry : table.replace("\n", "|").split("\\|")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.trim().split(" ");
            int[] rows = new int[HEIGHT];
            for (int r = 0; r < HEIGHT; r++) {
                rows[r] = Integer.parseInt(parts[r + 1], 16);
            }
            GLYPHS.put(parts[0].charAt(0), rows);
        }
        GLYPHS.put(' ', new int[HEIGHT]);
    }

    private BitmapFont() {
    }

    /** The seven rows of c (capitals for small letters, '?' for anything unknown). */
    public static int[] glyph(char c) {
        int[] g = GLYPHS.get(Character.toUpperCase(c));
        return g != null ? g : GLYPHS.get('?');
    }

    /** True when font pixel (x, y) of c is set. */
    public static boolean pixel(char c, int x, int y) {
        return (glyph(c)[y] >>> (WIDTH - 1 - x) & 1) != 0;
    }

    /** The width in screen pixels of s drawn at the given scale. */
    public static int width(String s, int scale) {
        return s.isEmpty() ? 0 : (s.length() * ADVANCE - 1) * scale;
    }
}
