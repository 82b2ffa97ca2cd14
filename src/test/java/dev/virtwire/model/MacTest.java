package dev.virtwire.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MacTest {

    @Test
    void normalizesToLowerCaseWithColons() {
        assertEquals("52:54:00:ab:cd:ef", Mac.normalize("52-54-00-AB-CD-EF"));
        assertEquals("52:54:00:ab:cd:ef", Mac.normalize(" 52:54:00:Ab:cD:ef\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"52:54:00:ab:cd", "52:54:00:ab:cd:eg", "525400abcdef", "52:54:00:ab:cd:ef;",
        "52:54:00:ab:cd:e\uff11", "52:54:00:ab:cd.ef", "5:254:00:ab:cd:ef", "52:54:00:ab:cd:ef:01", ""})
    void refusesMalformedMacs(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mac.normalize(text));
        assertTrue(e.getMessage().contains("six hex pairs"), e.getMessage());
    }
}
