package dev.virtwire.cli;

import dev.virtwire.host.HostAddress;
import dev.virtwire.host.HostException;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code virtwire} command line: the same core as the window, scriptable, with JSON output. */
@Command(name = "virtwire", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        versionProvider = Version.class,
        description = {"Network manager for KVM/libvirt hosts.",
            "Without a command, `virtwire` opens the window (`virtwire --demo`: on the built-in demo host;",
            "`virtwire --connect URI [--netns NS | --ssh HOST]`: on that host)."},
        subcommands = {TopologyCommand.class, DiagnoseCommand.class, FixCommand.class, AttachCommand.class,
            ModeCommand.class, BridgeCommand.class, LinkCommand.class, UplinkCommand.class, NetworkCommand.class,
            DhcpCommand.class, ForwardCommand.class, FirewallCommand.class, RouteCommand.class, HistoryCommands.Undo.class, HistoryCommands.Redo.class,
            HistoryCommands.History.class, HistoryCommands.Confirm.class, HistoryCommands.Recover.class,
            CommandLine.HelpCommand.class})
public final class VirtwireCommand {

    /** Runs the command line and returns the exit code: 0 done, 1 refused or failed, 2 bad usage. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /**
     * The host the window opens when the arguments only say where to connect ({@code --connect URI},
     * {@code --netns NS}, {@code --ssh HOST}); empty when they are a command line.
     *
     * @throws IllegalArgumentException when the options contradict each other (the message says how)
     */
    public static Optional<HostAddress> windowHost(String... args) {
        HostOptions where = new HostOptions();
        try {
            new CommandLine(where).parseArgs(args);
            return Optional.of(where.address());
        } catch (CommandLine.ParameterException e) {
            return Optional.empty(); // a command, or a mistake the command line explains
        }
    }

    /** The configured command line, for the launcher and for tests that capture its output. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new VirtwireCommand());
        cli.setExecutionExceptionHandler(VirtwireCommand::explain);
        return cli;
    }

    /** Users get the message that says what was wrong and what to do, not a stack trace. */
    private static int explain(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        if (e instanceof HostException || e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            PrintWriter err = cli.getErr();
            err.println("virtwire: " + e.getMessage());
            err.flush();
            return 1;
        }
        throw new IllegalStateException(e);
    }
}
