package dev.virtwire.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A toast's text is broken between words, so a long error never makes it wider than the window. */
class ToastTextTest {
    @Test
    void longLinesAreBrokenBetweenWordsAndLineBreaksKept() {
        assertEquals("cannot open\nthe host: no\nsocket\nsecond line", Notifier.wrapped(
                "cannot open the host: no socket\nsecond line", 12));
    }

    @Test
    void aWordLongerThanALineStaysWhole() {
        assertEquals("a\n/very/long/path/to/a/socket\nb", Notifier.wrapped("a /very/long/path/to/a/socket b", 10));
    }

    @Test
    void shortTextIsLeftAlone() {
        assertEquals("Applied: web1 switched to bridged", Notifier.wrapped("Applied: web1 switched to bridged", 90));
    }
}
