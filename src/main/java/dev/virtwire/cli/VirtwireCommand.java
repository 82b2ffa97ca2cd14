package dev.virtwire.cli;

import dev.virtwire.host.HostAddress;
import dev.virtwire.host.HostException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code virtwire} command line: the same core as the window, scriptable, with JSON output. */
@Command(name = "virtwire", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        versionProvider = Version.class,
        description = {"Network manager for KVM/libvirt hosts.",
            "Without a command, `virtwire` opens the window (`virtwire --demo`: on the built-in demo host;",
            "`virtwire --connect URI [--netns NS | --ssh HOST]`: on that host)."})
public final class VirtwireCommand {
    /** The commands, in the order help lists them. */
    private static final List<Class<?>> COMMANDS = List.of(TopologyCommand.class, DiagnoseCommand.class,
            FixCommand.class, AttachCommand.class, ModeCommand.class, BridgeCommand.class, LinkCommand.class,
            UplinkCommand.class, NetworkCommand.class, DhcpCommand.class, ForwardCommand.class, FirewallCommand.class,
            RouteCommand.class, HistoryCommands.Undo.class, HistoryCommands.Redo.class, HistoryCommands.History.class,
            HistoryCommands.Confirm.class, HistoryCommands.Recover.class, CommandLine.HelpCommand.class);

    /** Runs the command line and returns the exit code: 0 done, 1 refused or failed, 2 bad usage. */
    public static int run(String... args) {
        return commandLine(args).execute(args);
    }

    /**
     * The host the window opens when the arguments only say where to connect ({@code --connect URI},
     * {@code --netns NS}, {@code --ssh HOST}); empty when they are a command line.
     *
     * @throws IllegalArgumentException when the options contradict each other (the message says how)
     */
    public static Optional<HostAddress> windowHost(String... args) {
        if (args.length > 0 && !args[0].startsWith("-")) {
            return Optional.empty(); // a command: connection options have no positional arguments
        }
        HostOptions where = new HostOptions();
        try {
            new CommandLine(where).parseArgs(args);
            return Optional.of(where.address());
        } catch (CommandLine.ParameterException e) {
            return Optional.empty(); // a command, or a mistake the command line explains
        }
    }

    /** The configured command line with every command, for help and for tests that capture its output. */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command line for these arguments: only the command they name, when they name one (other than help).
     * Building all of them, options and all, is a fifth of a second of every cold start.
     */
    static CommandLine commandLine(String... args) {
        CommandLine cli = new CommandLine(new VirtwireCommand());
        List<Class<?>> named = args.length == 0 ? List.of() : COMMANDS.stream()
                .filter(c -> c != CommandLine.HelpCommand.class && names(c).contains(args[0])).toList();
        (named.isEmpty() ? COMMANDS : named).forEach(cli::addSubcommand);
        cli.setExecutionExceptionHandler(VirtwireCommand::explain);
        return cli;
    }

    private static List<String> names(Class<?> command) {
        Command declared = command.getAnnotation(Command.class);
        List<String> out = new ArrayList<>(Arrays.asList(declared.aliases()));
        out.add(declared.name());
        return out;
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
