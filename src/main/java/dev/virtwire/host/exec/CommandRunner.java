package dev.virtwire.host.exec;

import dev.virtwire.host.HostException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs external commands as argv lists (never through a shell), with a timeout, keeping stderr for the
 * message. Every command of Virtwire goes through here, in the C locale (messages are matched in English,
 * numbers read with dots), and is logged: argv, exit code, duration, stderr when it failed.
 */
public final class CommandRunner {
    private static final System.Logger LOG = System.getLogger("dev.virtwire.host.exec");

    /** Which Debian package provides a tool, so that "not installed" says what to install. */
    private static final Map<String, String> PACKAGES = Map.ofEntries(
            Map.entry("ip", "iproute2"), Map.entry("bridge", "iproute2"), Map.entry("nft", "nftables"),
            Map.entry("iptables", "iptables"), Map.entry("iptables-save", "iptables"),
            Map.entry("virsh", "libvirt-clients"), Map.entry("ssh", "openssh-client"),
            Map.entry("ping", "iputils-ping"), Map.entry("arping", "iputils-arping"),
            Map.entry("tcpdump", "tcpdump"), Map.entry("sysctl", "procps"),
            Map.entry("nmcli", "network-manager"), Map.entry("busctl", "systemd"), Map.entry("networkctl", "systemd"),
            Map.entry("stat", "coreutils"));

    /**
     * sshd drops new connections while more than its MaxStartups (10 by default) are still in their handshake,
     * and a reader runs its commands in parallel, each over its own ssh connection: so at most this many ssh
     * commands run at once per host (the lab's sshd refused the rest: "kex_exchange_identification: Connection
     * closed by remote host").
     */
    static final int SSH_AT_ONCE = 4;
    private static final ConcurrentMap<Target, Semaphore> SSH_TURNS = new ConcurrentHashMap<>();

    private final Target target;
    private final Duration timeout;

    public CommandRunner(Target target, Duration timeout) {
        this.target = target;
        this.timeout = timeout;
    }

    public CommandRunner(Target target) {
        this(target, Duration.ofSeconds(20));
    }

    public Target target() {
        return target;
    }

    /** Runs the command at this runner's target and returns whatever it printed, whatever its exit code. */
    public CommandResult run(List<String> argv) {
        return run(argv, "");
    }

    /** As {@link #run(List)}, with {@code input} written to the command's stdin (e.g. a file's content for tee). */
    public CommandResult run(List<String> argv, String input) {
        if (!(target instanceof Target.Ssh)) {
            return runNow(argv, input);
        }
        Semaphore turns = SSH_TURNS.computeIfAbsent(target, t -> new Semaphore(SSH_AT_ONCE, true));
        try {
            turns.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostException("interrupted while waiting to run '" + CommandLine.of(argv) + "' on "
                    + target.describe(), e);
        }
        try {
            return runNow(argv, input);
        } finally {
            turns.release();
        }
    }

    private CommandResult runNow(List<String> argv, String input) {
        List<String> full = target.wrap(argv);
        long started = System.nanoTime();
        Process process;
        try {
            process = inTheCLocale(new ProcessBuilder(full)).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw notInstalled(full.get(0), e);
        }
        try {
            try (var stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            CompletableFuture<String> out = drain(process.getInputStream());
            CompletableFuture<String> err = drain(process.getErrorStream());
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                HostException late = new HostException("'" + CommandLine.of(argv) + "' did not finish within "
                        + timeout.toSeconds() + " s on " + target.describe());
                LOG.log(System.Logger.Level.WARNING, late.getMessage());
                throw late;
            }
            // the command as asked, not as wrapped for ssh or a netns: messages name the target beside it
            CommandResult result = new CommandResult(argv, process.exitValue(), out.get(), err.get());
            log(result, started);
            return result;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new HostException("interrupted while running '" + CommandLine.of(argv) + "' on " + target.describe(), e);
        } catch (IOException | ExecutionException e) {
            throw new HostException("could not read the output of '" + CommandLine.of(argv) + "' on "
                    + target.describe(), e);
        }
    }

    /** Runs the command and returns its stdout; a non-zero exit is a {@link HostException} with its stderr. */
    public String output(List<String> argv) {
        CommandResult result = run(argv);
        if (!result.ok()) {
            throw new HostException("'" + result.commandLine() + "' failed on " + target.describe() + " (exit "
                    + result.exitCode() + "): " + result.stderr().strip());
        }
        return result.stdout();
    }

    /**
     * Starts a command that keeps printing (e.g. {@code ip monitor}) and hands each output line to
     * {@code lines} on a daemon thread; {@code ended} runs with the exit code when it stops by itself.
     * No timeout: the caller closes it.
     */
    public RunningCommand follow(List<String> argv, java.util.function.Consumer<String> lines,
                                 java.util.function.IntConsumer ended) {
        List<String> full = target.wrap(argv);
        Process process;
        try {
            process = inTheCLocale(new ProcessBuilder(full)).redirectErrorStream(true).start();
            process.getOutputStream().close();
            LOG.log(System.Logger.Level.DEBUG, "started {0}", CommandLine.of(full));
        } catch (IOException e) {
            throw notInstalled(full.get(0), e);
        }
        Thread reader = new Thread(() -> {
            try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.accept(line);
                }
                ended.accept(process.waitFor());
            } catch (IOException | InterruptedException e) {
                process.destroy();
            }
        }, "follow " + full.get(0));
        reader.setDaemon(true);
        reader.start();
        return new RunningCommand(process, reader);
    }

    /** {@code LC_ALL=C} for the command and what it starts (ip netns exec, sudo keeps LC_*; ssh: see Target). */
    private static ProcessBuilder inTheCLocale(ProcessBuilder builder) {
        builder.environment().put("LC_ALL", "C");
        return builder;
    }

    private static void log(CommandResult result, long startedNanos) {
        if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
            long ms = (System.nanoTime() - startedNanos) / 1_000_000;
            LOG.log(System.Logger.Level.DEBUG, "ran " + result.commandLine() + ": exit " + result.exitCode() + " in "
                    + ms + " ms" + (result.ok() ? "" : ", stderr: " + result.stderr().strip()));
        }
    }

    static HostException notInstalled(String tool, IOException cause) {
        LOG.log(System.Logger.Level.WARNING, "cannot start " + tool + ": " + cause.getMessage());
        return new HostException(notInstalled(tool) + ": install it and try again", cause);
    }

    /** "'tool' is not installed or not on PATH", with the Debian package that has it when known. */
    public static String notInstalled(String tool) {
        String pkg = PACKAGES.get(tool);
        return "'" + tool + "' is not installed or not on PATH" + (pkg == null ? "" : " (Debian/Ubuntu package " + pkg
                + ")");
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
