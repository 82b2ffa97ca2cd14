package dev.virtwire.cli;

import dev.virtwire.host.HostAddress;
import dev.virtwire.host.Hosts;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "demo", synopsisSubcommandLabel = "COMMAND", description = {"The built-in demo host, whose state "
        + "and history last in the state dir (STATE_DIR/demo) from one command to the next, shared with the window."},
        subcommands = DemoCommand.Reset.class)
final class DemoCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: reset");
    }

    @Command(name = "reset", description = "Start the demo host over: as built in, with an empty history.")
    static final class Reset implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            HostOptions host = HostOptions.of(spec);
            Hosts.resetDemo(host.stateDirOrDefault());
            spec.commandLine().getOut().println("The demo host starts over (its state and history in "
                    + HostAddress.demoStateDir(host.stateDirOrDefault()) + " are gone).");
            return ExitCode.DONE;
        }
    }
}
