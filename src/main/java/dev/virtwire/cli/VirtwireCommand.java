package dev.virtwire.cli;

import dev.virtwire.change.ChangeFailed;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.HostException;
import dev.virtwire.log.Log;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code virtwire} command line: the same core as the window, scriptable, with JSON output. */
@Command(name = "virtwire", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        versionProvider = Version.class, exitCodeListHeading = "%nExit codes (every command):%n",
        exitCodeList = {"0:done (or shown, with --dry-run)",
            "1:refused by the host's state, or failed with the host left as it was",
            "2:the command line is wrong: unknown option, missing or malformed value",
            "3:a change failed part-way and could not be fully reverted (the message lists what remains)"},
        description = {"Network manager for KVM/libvirt hosts.",
            "Without a command, `virtwire` opens the window (`virtwire --demo`: on the built-in demo host;",
            "`virtwire --connect URI [--netns NS | --ssh HOST]`: on that host)."})
public final class VirtwireCommand {
    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT, description = "Also print "
            + "what is logged (each command run, each step applied or reverted) on stderr; the log itself is "
            + "STATE_DIR/log/virtwire.log.")
    boolean verbose;

    @CommandLine.Mixin
    HostOptions host = new HostOptions();

    /** The commands, in the order help lists them. */
    private static final List<Class<?>> COMMANDS = List.of(TopologyCommand.class, DiagnoseCommand.class,
            FixCommand.class, AttachCommand.class, ModeCommand.class, BridgeCommand.class, LinkCommand.class,
            UplinkCommand.class, NetworkCommand.class, DhcpCommand.class, ForwardCommand.class, FirewallCommand.class,
            RouteCommand.class, HistoryCommands.Undo.class, HistoryCommands.Redo.class, HistoryCommands.History.class,
            HistoryCommands.Confirm.class, HistoryCommands.Recover.class, HostsCommand.class, FleetCommand.class,
            DemoCommand.class,
            CommandLine.HelpCommand.class);

    /** Runs the command line and returns the exit code ({@link ExitCode}). */
    public static int run(String... args) {
        return commandLine(args).execute(args);
    }

    /** As {@link #run(String...)}, printing to {@code out} and {@code err} (the resident session's client's). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine(args);
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    /**
     * Where the window opens: the host, where its history (and the demo host's state) is kept, and the config
     * dir of the fleet list when {@code --config-dir} names one.
     */
    public record WindowOptions(HostAddress host, Path stateDir, Optional<Path> configDir) {
        public WindowOptions(HostAddress host, Path stateDir) {
            this(host, stateDir, Optional.empty());
        }
    }

    /**
     * The host the window opens when the arguments only say where to connect ({@code --connect URI},
     * {@code --netns NS}, {@code --ssh HOST}); empty when they are a command line.
     *
     * @throws IllegalArgumentException when the options contradict each other (the message says how)
     */
    public static Optional<HostAddress> windowHost(String... args) {
        return windowOptions(args).map(WindowOptions::host);
    }

    /** As {@link #windowHost}, with the state dir the options name ({@code --state-dir}) or the default. */
    public static Optional<WindowOptions> windowOptions(String... args) {
        if (args.length > 0 && !args[0].startsWith("-")) {
            return Optional.empty(); // a command: connection options have no positional arguments
        }
        HostOptions where = new HostOptions();
        CommandLine options = new CommandLine(where);
        try {
            options.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            return Optional.empty(); // a command, or a mistake the command line explains
        }
        try {
            where.check(options);
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return Optional.of(new WindowOptions(where.address(), where.stateDirOrDefault(),
                Optional.ofNullable(where.configDir)));
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
        cli.setExecutionStrategy(parsed -> execute(parsed, cli));
        cli.setParameterExceptionHandler(Mistakes::explain);
        return cli;
    }

    /** The log goes to the state dir the command uses; {@code --verbose} copies its lines to stderr. */
    private static int execute(CommandLine.ParseResult parsed, CommandLine cli) {
        CommandLine.ParseResult command = last(parsed);
        ((VirtwireCommand) cli.getCommand()).host.check(command.commandSpec().commandLine());
        if (command.hasMatchedOption("--script") && !command.hasMatchedOption("--dry-run")) {
            throw new CommandLine.ParameterException(command.commandSpec().commandLine(), "--script goes with "
                    + "--dry-run: it prints the plan as a shell script instead of applying it");
        }
        VirtwireCommand root = (VirtwireCommand) cli.getCommand();
        boolean verbose = root.verbose;
        if (verbose) {
            Log.echoTo(Optional.of(cli.getErr()));
        }
        Log.Restore log = Log.useStateDir(root.host.stateDirOrDefault());
        try {
            return new CommandLine.RunLast().execute(parsed);
        } catch (CommandLine.ExecutionException e) {
            // while the command's log is in use; an Error too (picocli would print its stack trace)
            return explain(e.getCause() == null ? e : e.getCause(), cli, parsed);
        } finally {
            log.close();
            if (verbose) {
                Log.echoTo(Optional.empty());
            }
        }
    }

    private static CommandLine.ParseResult last(CommandLine.ParseResult parsed) {
        return parsed.subcommand() == null ? parsed : last(parsed.subcommand());
    }

    private static List<String> names(Class<?> command) {
        Command declared = command.getAnnotation(Command.class);
        List<String> out = new ArrayList<>(Arrays.asList(declared.aliases()));
        out.add(declared.name());
        return out;
    }

    /**
     * Users get the message that says what was wrong and what to do, not a stack trace; an unexpected failure
     * is one line that names the log, where its stack trace went.
     */
    private static int explain(Throwable e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof ChangeFailed failed) {
            err.println("virtwire: " + failed.getMessage());
            err.flush();
            return failed.hostUnchanged() ? ExitCode.FAILED : ExitCode.PARTLY_CHANGED;
        }
        if (e instanceof HostException || e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            System.getLogger("dev.virtwire.cli").log(System.Logger.Level.INFO, "failed: {0}", e.getMessage());
            err.println("virtwire: " + e.getMessage());
        } else {
            err.println("virtwire: " + Log.unexpected("virtwire " + String.join(" ", parsed.originalArgs()), e));
        }
        err.flush();
        return ExitCode.FAILED;
    }
}
