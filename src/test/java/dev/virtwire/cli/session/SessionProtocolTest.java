package dev.virtwire.cli.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SessionProtocolTest {
    @Test
    void aRequestCarriesTheArgumentsAsTyped() throws IOException {
        String[] args = {"topology", "--connect", "qemu:///system", "--netns", "lab ü", ""};
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        SessionProtocol.writeRequest(wire, args);
        assertArrayEquals(args, SessionProtocol.readRequest(new ByteArrayInputStream(wire.toByteArray())));
    }

    @Test
    void aReplyCarriesExitCodeStdoutAndStderr() throws IOException {
        SessionProtocol.Reply sent = new SessionProtocol.Reply(1, "{\"host\":1}\n".getBytes(StandardCharsets.UTF_8),
                "virtwire: not read: nft\n".getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        SessionProtocol.writeReply(wire, sent);
        SessionProtocol.Reply got = SessionProtocol.readReply(new ByteArrayInputStream(wire.toByteArray()));
        assertEquals(1, got.exitCode());
        assertArrayEquals(sent.out(), got.out());
        assertArrayEquals(sent.err(), got.err());
    }

    @Test
    void aReplyCutShortIsNoReply() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        SessionProtocol.writeReply(wire, new SessionProtocol.Reply(0, new byte[100], new byte[0]));
        byte[] cut = Arrays.copyOf(wire.toByteArray(), 50);
        assertThrows(IOException.class, () -> SessionProtocol.readReply(new ByteArrayInputStream(cut)));
    }

    @Test
    void aRequestIsNotAReply() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        SessionProtocol.writeRequest(wire, new String[] {"topology"});
        assertThrows(IOException.class, () -> SessionProtocol.readReply(new ByteArrayInputStream(wire.toByteArray())));
    }

    @Test
    void aLengthBeyondTheLimitIsRefusedBeforeAllocating() {
        byte[] wire = {0x56, 0x57, 0x52, 0x31, 0x7f, 0, 0, 0}; // a request of 2 billion arguments
        assertThrows(IOException.class, () -> SessionProtocol.readRequest(new ByteArrayInputStream(wire)));
    }

    @Test
    void notServedSaysSo() {
        assertFalse(SessionProtocol.Reply.notServed().served());
    }
}
