package org.sysmodels.core.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;
import org.sysmodels.core.testing.Props;

/** Byte sizes as fio writes them (k, m, g, t are powers of 1024), parsed exactly up to the largest long. */
class SizesTest {

    @Test
    void parsesFioForms() {
        assertEquals(0L, Sizes.parse("0"));
        assertEquals(4096L, Sizes.parse("4096"));
        assertEquals(4096L, Sizes.parse("4k"));
        assertEquals(4096L, Sizes.parse("4K"));
        assertEquals(4096L, Sizes.parse(" 4 KiB "));
        assertEquals(4096L, Sizes.parse("4kb"));
        assertEquals(128L << 10, Sizes.parse("128KiB"));
        assertEquals(3L << 20, Sizes.parse("3m"));
        assertEquals(1L << 30, Sizes.parse("1GiB"));
        assertEquals(2L << 40, Sizes.parse("2T"));
        assertEquals(512L, Sizes.parse("512b"));
        assertEquals(512L, Sizes.parse("512B"));
    }

    @Test
    void parsesExactlyUpToTheLargestLong() {
        assertEquals(Long.MAX_VALUE, Sizes.parse("9223372036854775807"));
        assertEquals((Long.MAX_VALUE >> 10) << 10, Sizes.parse("9007199254740991k"));
        assertEquals((Long.MAX_VALUE >> 30) << 30, Sizes.parse("8589934591g"));
        assertEquals((Long.MAX_VALUE >> 40) << 40, Sizes.parse("8388607t"));
        for (String tooLarge : new String[] {"9223372036854775808", "9007199254740992k", "8796093022208m",
            "8589934592g", "8388608t", "99999999999999999999999"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sizes.parse(tooLarge));
            assertEquals("\"" + tooLarge + "\" is too large", e.getMessage());
        }
    }

    @Test
    void refusesOtherFormsNamingTheAcceptedOnes() {
        for (String bad : new String[] {"", "k", "-4k", "4.5k", "4 parsecs", "4p", "1e3", "4kk", "0x10"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sizes.parse(bad));
            assertEquals("\"" + bad + "\" is not a size; use bytes or a number with k, m, g (e.g. 4096, 4k, 128KiB, 1g)",
                    e.getMessage());
        }
    }

    @Test
    void formatsInTheLargestBinaryUnitThatDividesExactly() {
        assertEquals("0 B", Sizes.format(0));
        assertEquals("1 B", Sizes.format(1));
        assertEquals("1023 B", Sizes.format(1023));
        assertEquals("1 KiB", Sizes.format(1024));
        assertEquals("1025 B", Sizes.format(1025));
        assertEquals("1023 KiB", Sizes.format(1023L << 10));
        assertEquals("1 MiB", Sizes.format(1L << 20));
        assertEquals("1025 KiB", Sizes.format(1025L << 10));
        assertEquals("1536 MiB", Sizes.format(3L << 29));
        assertEquals("1 GiB", Sizes.format(1L << 30));
        assertEquals("4096 GiB", Sizes.format(1L << 42));
        assertEquals("9223372036854775807 B", Sizes.format(Long.MAX_VALUE));
        assertEquals("-1024 B", Sizes.format(-1024));
    }

    @Test
    void formattedSizesParseBackToThemselves() {
        Props.property(1000).forAll(longs().between(0, 1L << 50), longs().between(0, 30)).checkAssert((n, shift) -> {
            long bytes = n << shift >= 0 && (n << shift) >> shift == n ? n << shift : n;
            String text = Sizes.format(bytes);
            assertEquals(bytes, Sizes.parse(text.replace(" ", "")), text);
        });
    }
}
