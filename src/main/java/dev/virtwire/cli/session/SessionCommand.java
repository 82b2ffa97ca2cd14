package dev.virtwire.cli.session;

import dev.virtwire.change.Changes;
import dev.virtwire.cli.VirtwireCommand;
import dev.virtwire.host.Hosts;
import dev.virtwire.log.Log;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.function.Function;

/**
 * A command line run in the session as the launcher runs it in process (the same {@link VirtwireCommand}), its
 * stdout and stderr kept for the client, in the charset the command line would have printed them in.
 */
final class SessionCommand implements Function<String[], SessionProtocol.Reply> {
    private SessionCommand() {
    }

    /** The command runner, with libvirt's native library loaded ahead when the session's host is libvirt's. */
    static SessionCommand prepared(String[] args) {
        Log.useStateDir(Changes.defaultStateDir()); // as the launcher does: opened only if something is logged
        if (!Arrays.asList(args).contains("--demo")) {
            Hosts.preloadLibvirt();
        }
        return new SessionCommand();
    }

    @Override
    public SessionProtocol.Reply apply(String[] args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, Charset.defaultCharset()));
                PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, Charset.defaultCharset()))) {
            int code = VirtwireCommand.run(outWriter, errWriter, args);
            outWriter.flush();
            errWriter.flush();
            return new SessionProtocol.Reply(code, out.toByteArray(), err.toByteArray());
        } catch (RuntimeException | Error e) {
            // what the command line would have said goes unsaid: the client runs the command itself, and says it
            Log.unexpected("the resident session's command", e);
            return SessionProtocol.Reply.notServed();
        }
    }
}
