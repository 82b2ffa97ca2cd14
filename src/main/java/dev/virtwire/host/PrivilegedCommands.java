package dev.virtwire.host;

import dev.virtwire.host.exec.CommandResult;
import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.host.exec.Target;
import java.util.List;
import java.util.Locale;

/**
 * Commands that change a host, run at its target with the privilege prefix. A failure is a {@link HostException}
 * naming the command, the host and, when it was a permission, how to get root.
 */
public final class PrivilegedCommands {
    private final CommandRunner runner;
    private final Privilege privilege;

    public PrivilegedCommands(CommandRunner runner, Privilege privilege) {
        this.runner = runner;
        this.privilege = privilege;
    }

    public Target target() {
        return runner.target();
    }

    /** Its stdout; a failure throws. */
    public String run(HostCommand.Run command) {
        CommandResult result = attempt(command);
        if (!result.ok()) {
            throw failed(result);
        }
        return result.stdout();
    }

    public String run(List<String> argv) {
        return run(new HostCommand.Run(argv));
    }

    /** The result, failed or not, for a caller that tells failures apart. */
    public CommandResult attempt(HostCommand.Run command) {
        return runner.run(privilege.wrap(command.argv()), command.input());
    }

    public CommandResult attempt(List<String> argv) {
        return attempt(new HostCommand.Run(argv));
    }

    /** What failed, where, and what to do when it was a permission. */
    public HostException failed(CommandResult result) {
        String stderr = result.stderr().strip();
        return new HostException("'" + result.commandLine() + "' failed on " + runner.target().describe() + " (exit "
                + result.exitCode() + "): " + stderr + (permission(stderr) ? ". " + privilege.hint() : ""));
    }

    /** A "cannot read" that a permission caused, with the way to get root. */
    String hintFor(String stderr) {
        return permission(stderr) ? ". " + privilege.hint() : "";
    }

    private static boolean permission(String stderr) {
        String lower = stderr.toLowerCase(Locale.ROOT);
        return lower.contains("operation not permitted") || lower.contains("permission denied")
                || lower.contains("password is required") || lower.contains("not authorized");
    }
}
