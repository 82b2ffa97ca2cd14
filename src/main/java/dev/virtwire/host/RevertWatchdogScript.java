package dev.virtwire.host;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The host side of a confirm-or-revert timer, as argv. The watchdog is a constant {@code sh} program: data
 * (the delay, the file) reaches it only as positional arguments, never as shell text. It sleeps, then
 * removes the "armed" file and, only if that removal succeeded, runs the revert batch with
 * {@code ip -force -batch}. Confirming removes the "armed" file first: whichever removal succeeds wins, so
 * a confirmation and the revert can never both happen.
 */
public final class RevertWatchdogScript {
    public static final String DIRECTORY = "/run/virtwire";
    // first let go of the caller's stdin/stdout/stderr: whoever started the watchdog (a local pipe, an ssh
    // channel) would otherwise wait for it to end, and the revert would run before arming returned
    public static final String PROGRAM = "exec </dev/null >/dev/null 2>&1; sleep \"$1\"; "
            + "if rm \"$2.armed\" 2>/dev/null; then ip -force -batch \"$2\"; fi; rm -f \"$2\"";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private RevertWatchdogScript() {
    }

    public static String batchFile(String id) {
        return DIRECTORY + "/revert-" + requireId(id) + ".batch";
    }

    public static String armedFile(String id) {
        return batchFile(id) + ".armed";
    }

    /** Detached from Virtwire (new session), so it outlives the app and its ssh connection. */
    public static List<String> start(String id, int seconds) {
        return List.of("setsid", "-f", "sh", "-c", PROGRAM, "virtwire-watchdog", Integer.toString(seconds),
                batchFile(id));
    }

    /** Exit status 0: disarmed in time; non-zero: the watchdog already ran (or never existed). */
    public static List<String> disarm(String id) {
        return List.of("rm", armedFile(id));
    }

    public static String requireId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("'" + id + "' is not a watchdog id: use letters, digits and dashes");
        }
        return id;
    }
}
