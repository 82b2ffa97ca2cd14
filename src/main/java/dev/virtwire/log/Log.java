package dev.virtwire.log;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Virtwire's log: every layer logs through {@link System.Logger} (no logging library; {@link LoggerFinder}
 * routes it here), into one rotating file in the state dir, {@code STATE_DIR/log/virtwire.log}. The launcher,
 * the command line and the window say where that is; nothing is opened until something is logged. With
 * {@code --verbose} the lines go to stderr as well. Stack traces go to the file only, never to a user.
 */
public final class Log {
    static final long MAX_BYTES = 1024 * 1024;
    static final int KEEP = 3;

    private static volatile LogFile file;
    /**
     * One entry per {@link #useStateDir} not yet taken back, oldest first; {@link #file} is the newest. Commands run
     * in process (the tests) may overlap: each takes back its own entry, never another's.
     */
    private static final List<LogFile> inUse = new ArrayList<>();
    private static volatile PrintWriter echo;

    private Log() {
    }

    /**
     * Logs into {@code STATE_DIR/log/virtwire.log} from now on; closing the answer goes back to the log used
     * before (a command run in-process, as the tests do, leaves no log pointing into its state dir, also when
     * another one ran meanwhile).
     */
    public static synchronized Restore useStateDir(Path stateDir) {
        Path wanted = stateDir.resolve("log").resolve("virtwire.log");
        LogFile now = inUse.stream().filter(f -> f.path().equals(wanted)).findFirst()
                .orElseGet(() -> new LogFile(wanted, MAX_BYTES, KEEP));
        inUse.add(now);
        file = now;
        return () -> {
            synchronized (Log.class) {
                if (!inUse.remove(now)) {
                    return; // taken back already
                }
                if (!inUse.contains(now)) {
                    now.retire(); // its state dir may go away now: nothing is written there any more
                }
                file = inUse.isEmpty() ? null : inUse.get(inUse.size() - 1);
            }
        };
    }

    /** Goes back to the log used before. */
    public interface Restore extends AutoCloseable {
        @Override
        void close();
    }

    /** The log file, to name in messages ("details in ..."); empty until a state dir is given. */
    public static Optional<Path> file() {
        LogFile f = file;
        return f == null ? Optional.empty() : Optional.of(f.path());
    }

    /** " (details in PATH)" for a message about an unexpected failure, or nothing when there is no log. */
    public static String detailsHint() {
        return file().map(p -> " (details in " + p + ")").orElse("");
    }

    /** Also prints every line to {@code err} ({@code --verbose}); empty stops it. */
    public static void echoTo(Optional<PrintWriter> err) {
        echo = err.orElse(null);
    }

    /** Logs an unexpected failure with its stack trace (file only) and returns the one line a user sees. */
    public static String unexpected(String where, Throwable t) {
        boolean kept = write(Level.ERROR, "dev.virtwire", "unexpected failure in " + where, t);
        return "unexpected error (" + oneLine(t) + ")" + (kept ? detailsHint()
                : file().map(p -> " (the log " + p + " could not be written)").orElse(""));
    }

    /** A throwable in one line: its message, or its kind when it has none. */
    public static String oneLine(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m).strip();
    }

    /**
     * Virtwire's own lines from DEBUG up (each command run is one); the libraries' (JavaFX's focus tracing,
     * libvirt-java's) from INFO up: their DEBUG lines would drown ours.
     */
    static boolean wanted(String logger, Level level) {
        Level least = logger.startsWith("dev.virtwire") ? Level.DEBUG : Level.INFO;
        return level.getSeverity() >= least.getSeverity() && level != Level.OFF && (file != null || echo != null);
    }

    /** @return whether the log file took the line */
    static boolean write(Level level, String logger, String message, Throwable thrown) {
        String line = Instant.now() + " " + level.getName() + " " + logger + ": " + message + System.lineSeparator();
        PrintWriter err = echo;
        if (err != null) {
            err.print("virtwire: " + level.getName().toLowerCase(java.util.Locale.ROOT) + ": " + message
                    + (thrown == null ? "" : " (" + oneLine(thrown) + ")") + System.lineSeparator());
            err.flush();
        }
        LogFile f = file;
        return f != null && f.append(thrown == null ? line : line + stackTrace(thrown));
    }

    private static String stackTrace(Throwable t) {
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}
