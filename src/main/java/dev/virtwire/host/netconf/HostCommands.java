package dev.virtwire.host.netconf;

import dev.virtwire.host.exec.CommandResult;
import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.host.HostException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Runs an argv at the host being read: a {@link CommandRunner}, or recorded outputs in tests. */
@FunctionalInterface
public interface HostCommands {
    CommandResult run(List<String> argv);

    /**
     * The result, or empty when the program is not installed there (here: it cannot be started; over ssh: the
     * remote shell's exit code 127, "command not found"; in a network namespace: ip netns exec's "exec of" failure).
     */
    default Optional<CommandResult> runIfInstalled(List<String> argv) {
        try {
            CommandResult r = run(argv);
            return r.programMissing() ? Optional.empty() : Optional.of(r);
        } catch (HostException e) {
            if (e.getCause() instanceof IOException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    static HostCommands of(CommandRunner runner) {
        return runner::run;
    }
}
