package dev.virtwire.host;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The host side of a confirm-or-revert timer, as argv. The watchdog is a constant {@code sh} program: data
 * (the delay, the file) reaches it only as positional arguments, never as shell text. It sleeps, then
 * removes the "armed" file and, only if that removal succeeded, leaves its mark ("ran") and runs the revert batch
 * with {@code ip -force -batch}. Confirming removes the "armed" file first: whichever removal succeeds wins, so
 * a confirmation and the revert can never both happen. The mark tells a timer that ran (or is reverting now) from one
 * that never ran: a reboot, or /run emptied, before the deadline kills the timer and takes the armed file with it. The
 * mark stays until a confirmation (or the journal's deadline check) reads it, which removes it; a reboot empties /run.
 * The mark is left by {@code touch}, not by the shell's {@code : >FILE}: sh exits on a redirection that fails with a
 * special built-in, so a mark that cannot be written (a directory in its place, /run full) would stop the revert.
 */
public final class RevertWatchdogScript {
    public static final String DIRECTORY = "/run/virtwire";
    /** Its output goes nowhere at once, so that the command that started it is not held open by it. */
    public static final String PROGRAM = "exec </dev/null >/dev/null 2>&1; sleep \"$1\"; "
            + "if rm \"$2.armed\"; then touch \"$2.ran\"; ip -force -batch \"$2\"; fi; rm -f \"$2\"";
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

    /** The timer's mark that it took over (its removal of the armed file succeeded): it ran, or is reverting now. */
    public static String ranFile(String id) {
        return batchFile(id) + ".ran";
    }

    /** Exit status 0: the timer had run (its mark is gone now); non-zero: it never ran. */
    public static List<String> forgetRun(String id) {
        return List.of("rm", ranFile(id));
    }

    /**
     * After a disarm came too late: whether the timer ran (it left its mark), read by removing the mark. False: it
     * never ran (the host restarted, or /run was emptied, before the deadline).
     *
     * @throws HostException when the host could not say (ssh, sudo)
     */
    public static boolean ran(PrivilegedCommands commands, String id) {
        return disarmedInTime(commands, new HostCommand.Run(forgetRun(id)));
    }

    /** Writes the revert batch, one {@code ip -batch} line each, through tee's stdin (tee runs with the privilege). */
    public static HostCommand.Run writeBatch(String id, List<String> lines) {
        return new HostCommand.Run(List.of("tee", batchFile(id)),
                lines.stream().map(l -> l + "\n").collect(java.util.stream.Collectors.joining()));
    }

    /** Exit status 0: disarmed in time; non-zero: the watchdog already ran (or never existed). */
    public static List<String> disarm(String id) {
        return List.of("rm", armedFile(id));
    }

    /**
     * Runs {@link #disarm}: true when it removed the armed file (in time), false when the file was gone (the timer
     * ran, or never existed).
     *
     * @throws HostException when it failed otherwise (ssh, sudo): the timer still runs
     */
    public static boolean disarmedInTime(PrivilegedCommands commands, HostCommand.Run disarm) {
        dev.virtwire.host.exec.CommandResult rm = commands.attempt(disarm);
        if (!rm.ok() && !HostTextFiles.absent(rm)) {
            throw commands.failed(rm);
        }
        return rm.ok();
    }

    /** What arming runs, in order: the directory, the batch, the "armed" file, the detached timer. */
    public static List<HostCommand.Run> armCommands(String id, List<String> batch, int seconds) {
        return List.of(new HostCommand.Run(List.of("mkdir", "-p", DIRECTORY)), writeBatch(id, batch),
                new HostCommand.Run(List.of("touch", armedFile(id))), new HostCommand.Run(start(id, seconds)));
    }

    /** What disarming runs: {@link #disarm} (its exit status says whether in time), then the batch file goes. */
    public static List<HostCommand.Run> disarmCommands(String id) {
        return List.of(new HostCommand.Run(disarm(id)), new HostCommand.Run(List.of("rm", "-f", batchFile(id))));
    }

    public static String requireId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("'" + id + "' is not a watchdog id: use letters, digits and dashes");
        }
        return id;
    }
}
