package dev.virtwire.cli.session;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * What goes over the session's socket. The client sends the command line's arguments; the session answers with
 * the command's exit code, its whole stdout and its whole stderr, in that order, once the command is done (so a
 * client that gets no complete answer has printed nothing and may run the command itself). Lengths are checked
 * against limits: a peer is the same user, but a broken one must not make the other allocate gigabytes.
 */
final class SessionProtocol {
    private static final int REQUEST = 0x56575231; // "VWR1"
    private static final int REPLY = 0x56574131; // "VWA1"
    private static final int MAX_ARGS = 1_000;
    private static final int MAX_ARG_BYTES = 64 * 1024;
    private static final int MAX_OUTPUT_BYTES = 1 << 30;

    /** The exit code of an answer that says "not run here: run it yourself". */
    static final int NOT_SERVED = -1;

    private SessionProtocol() {
    }

    /** A command's outcome as the session ran it; {@link #NOT_SERVED} as exit code when it did not. */
    record Reply(int exitCode, byte[] out, byte[] err) {
        static Reply notServed() {
            return new Reply(NOT_SERVED, new byte[0], new byte[0]);
        }

        boolean served() {
            return exitCode != NOT_SERVED;
        }
    }

    static void writeRequest(OutputStream to, String[] args) throws IOException {
        DataOutputStream out = new DataOutputStream(to);
        out.writeInt(REQUEST);
        out.writeInt(args.length);
        for (String arg : args) {
            bytes(out, arg.getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
    }

    static String[] readRequest(InputStream from) throws IOException {
        DataInputStream in = new DataInputStream(from);
        expect(in, REQUEST);
        String[] args = new String[length(in, MAX_ARGS)];
        for (int i = 0; i < args.length; i++) {
            args[i] = new String(bytes(in, MAX_ARG_BYTES), StandardCharsets.UTF_8);
        }
        return args;
    }

    static void writeReply(OutputStream to, Reply reply) throws IOException {
        DataOutputStream out = new DataOutputStream(to);
        out.writeInt(REPLY);
        out.writeInt(reply.exitCode());
        bytes(out, reply.out());
        bytes(out, reply.err());
        out.flush();
    }

    /** @throws IOException when the answer is missing, cut short or not one (the session died or is another program) */
    static Reply readReply(InputStream from) throws IOException {
        DataInputStream in = new DataInputStream(from);
        expect(in, REPLY);
        int exitCode = in.readInt();
        byte[] out = bytes(in, MAX_OUTPUT_BYTES);
        byte[] err = bytes(in, MAX_OUTPUT_BYTES);
        return new Reply(exitCode, out, err);
    }

    private static void expect(DataInputStream in, int magic) throws IOException {
        if (in.readInt() != magic) {
            throw new IOException("not a Virtwire session message");
        }
    }

    private static void bytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] bytes(DataInputStream in, int limit) throws IOException {
        byte[] bytes = new byte[length(in, limit)];
        in.readFully(bytes);
        return bytes;
    }

    private static int length(DataInputStream in, int limit) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > limit) {
            throw new IOException("a length of " + length + " (at most " + limit + ")");
        }
        return length;
    }
}
