package dev.virtwire.cli;

import dev.virtwire.change.Changes;
import dev.virtwire.change.RouteMemory;
import dev.virtwire.host.Host;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.SuggestedCommands;
import dev.virtwire.host.HostException;
import dev.virtwire.host.Hosts;
import dev.virtwire.host.exec.CommandResult;
import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.host.exec.CommandLine;
import dev.virtwire.host.exec.Target;
import dev.virtwire.host.fleet.FleetEntry;
import dev.virtwire.host.fleet.FleetList;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;

/**
 * Which host a command works on, and where its history lives. Declared once on {@code virtwire} and inherited
 * by every command and subcommand, so they go before or after the command's name.
 */
public final class HostOptions {
    private static final java.time.Duration SSH_ANSWER = java.time.Duration.ofSeconds(30);

    @Option(names = "--demo", scope = ScopeType.INHERIT, description = "Use the built-in demo host; its state and "
            + "history are kept in STATE_DIR/demo until `virtwire demo reset`.")
    boolean demo;

    @Option(names = {"-c", "--connect"}, paramLabel = "URI", scope = ScopeType.INHERIT,
            converter = ArgumentSyntax.LibvirtUri.class,
            description = "libvirt URI, e.g. qemu:///system, qemu+ssh://root@kvm1/system, test:///default "
                    + "(default: " + HostAddress.LOCAL_URI + "). Given more than once, `topology` and `fleet check` "
                    + "read each of those hosts.")
    List<String> uris = new ArrayList<>();

    @Option(names = "--netns", paramLabel = "NS", scope = ScopeType.INHERIT, description = "Run kernel and "
            + "firewall commands inside this network namespace (e.g. the lab's).")
    String netns;

    @Option(names = "--ssh", paramLabel = "HOST", scope = ScopeType.INHERIT, description = "Run kernel and "
            + "firewall commands on HOST over ssh (implied by a qemu+ssh:// URI).")
    String ssh;

    @Option(names = "--config-dir", paramLabel = "DIR", scope = ScopeType.INHERIT, description = "Where the fleet "
            + "list (hosts.json) is kept (default: $XDG_CONFIG_HOME/virtwire).")
    Path configDir;

    @Option(names = "--state-dir", paramLabel = "DIR", scope = ScopeType.INHERIT, description = "Where the change "
            + "history and the demo host are kept (default: $XDG_STATE_HOME/virtwire).")
    Path stateDir;

    /** Whether an option says which host to read (--connect, --demo, --netns, --ssh), not the default host. */
    boolean namesAHost() {
        return !uris.isEmpty() || demo || netns != null || ssh != null;
    }

    /** The host options of the command line a command belongs to (they live on its root). */
    static HostOptions of(CommandSpec spec) {
        return ((VirtwireCommand) spec.root().userObject()).host;
    }

    /** An example value for each option that takes one, for "--connect needs a value (e.g. ...)". */
    static Optional<String> example(String option) {
        return Optional.ofNullable(switch (option) {
            case "-c", "--connect" -> "qemu:///system";
            case "--netns" -> "virtwire-lab";
            case "--ssh" -> "root@kvm1";
            case "--state-dir" -> "/tmp/virtwire-state";
            case "--config-dir" -> "/tmp/virtwire-config";
            default -> null;
        });
    }

    /**
     * Refuses options that contradict each other, naming both; the command line then exits with 2.
     */
    void check(picocli.CommandLine commandLine) {
        if (uris.size() > 1 && !(commandLine.getCommand() instanceof ReadsSeveralHosts)) {
            throw new ParameterException(commandLine, "--connect is given " + uris.size() + " times: only topology "
                    + "and fleet check read several hosts; give one --connect");
        }
        if (uris.size() > 1 && (netns != null || ssh != null)) {
            throw new ParameterException(commandLine, (netns != null ? "--netns" : "--ssh") + " names one host's "
                    + "kernel, but --connect names " + uris.size() + ": keep each host with its own --netns or --ssh "
                    + "in the fleet list (virtwire hosts add NAME --connect URI --netns NS), then use --fleet");
        }
        if (demo && !uris.isEmpty()) {
            throw new ParameterException(commandLine, "--demo and --connect name two different hosts: give one "
                    + "of them");
        }
        if (demo && (netns != null || ssh != null)) {
            throw new ParameterException(commandLine, "--demo and " + (netns != null ? "--netns" : "--ssh")
                    + " do not go together: the demo host runs no commands");
        }
        try {
            address();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(commandLine, e.getMessage());
        }
    }

    public HostAddress address() {
        if (demo) {
            return HostAddress.demo();
        }
        String at = uris.isEmpty() ? HostAddress.LOCAL_URI : uris.get(0);
        if (netns != null && ssh != null) {
            throw new IllegalArgumentException("--netns and --ssh name two different places for the host's "
                    + "kernel commands: give one of them");
        }
        if (netns != null) {
            return new HostAddress(at, new Target.Netns(netns));
        }
        return ssh != null ? new HostAddress(at, new Target.Ssh(ssh)) : HostAddress.of(at);
    }

    /** The state directory given, or the XDG default. */
    public Optional<Path> stateDir() {
        return Optional.ofNullable(stateDir);
    }

    /** The state directory in use. */
    Path stateDirOrDefault() {
        return stateDir().orElseGet(Changes::defaultStateDir);
    }

    /**
     * Opens the host (the demo host as kept in the state dir). A host reached over ssh, or a network namespace,
     * is asked first whether it answers at all: otherwise every read would fail on its own, each with the
     * same message.
     */
    Host open() {
        return open(address(), stateDirOrDefault(), false);
    }

    /** As {@link #open()} for a command about some guests (its first read is of them): see Hosts#openForGuests. */
    Host openForGuests() {
        return open(address(), stateDirOrDefault(), true);
    }

    /**
     * Opens a host; one reached over ssh, or a network namespace, is asked first whether it answers at all:
     * otherwise every read would fail on its own, each with the same message.
     */
    static Host open(HostAddress address, Path stateDir) {
        return open(address, stateDir, false);
    }

    private static Host open(HostAddress address, Path stateDir, boolean forGuests) {
        Target target = address.target();
        if (target instanceof Target.Ssh || target instanceof Target.Netns) {
            CommandResult answer = new CommandRunner(target, SSH_ANSWER).run(List.of("true"));
            if (!answer.ok()) {
                String reason = answer.stderr().strip().lines().reduce((a, b) -> b).orElse("exit code "
                        + answer.exitCode()).replaceFirst("^ssh: ", "");
                throw new HostException(target instanceof Target.Ssh ssh
                        ? "cannot reach " + ssh.host() + " over ssh: " + reason
                        : "cannot run commands in " + target.describe() + ": " + reason
                        + " (ip netns list names the namespaces there are)");
            }
        }
        return forGuests ? Hosts.openForGuests(address, stateDir) : Hosts.open(address, stateDir);
    }

    /** The config dir given, or {@code $XDG_CONFIG_HOME/virtwire} ({@code ~/.config/virtwire}). */
    Path configDirOrDefault() {
        return configDir != null ? configDir : FleetList.defaultConfigDir();
    }

    /**
     * The hosts named by --connect, each by its URI's host (or the URI), reached as its URI says; the demo host
     * (named demo) with --demo.
     */
    List<FleetEntry> connected() {
        List<FleetEntry> out = new ArrayList<>();
        if (demo) {
            out.add(new FleetEntry("demo", HostAddress.demo()));
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (String uri : uris) {
            String host = java.net.URI.create(uri).getHost();
            String name = host != null ? host : uri.replaceAll("[^A-Za-z0-9_.-]+", "-").replaceAll("^-+|-+$", "");
            name = name.length() > 60 ? name.substring(0, 60) : name;
            name = name.isEmpty() ? "local" : name;
            // two URIs of one machine (qemu+ssh://kvm1/system and /session) are two hosts of the fleet: kvm1, kvm1-2
            String unique = name;
            for (int n = 2; !names.add(unique); n++) {
                unique = name + "-" + n;
            }
            out.add(new FleetEntry(unique, uris.size() == 1 ? address() : HostAddress.of(uri)));
        }
        return out;
    }

    /** Opens the host's change history. */
    Changes changes(Host host) {
        return new Changes(host, address(), stateDirOrDefault(), suggestions());
    }

    /** The default routes seen on this host (kept in the state dir). */
    RouteMemory routeMemory() {
        return new RouteMemory(stateDirOrDefault(), address());
    }

    /**
     * The options as given, quoted for a POSIX shell: what a suggested command carries so that pasting it
     * acts on the same host with the same history.
     */
    String asArguments() {
        List<String> argv = arguments();
        return argv.isEmpty() ? "" : " " + CommandLine.of(argv);
    }

    private List<String> arguments() {
        List<String> argv = new ArrayList<>();
        if (demo) {
            argv.add("--demo");
        }
        uris.forEach(uri -> argv.addAll(List.of("--connect", uri)));
        if (netns != null) {
            argv.addAll(List.of("--netns", netns));
        }
        if (ssh != null) {
            argv.addAll(List.of("--ssh", ssh));
        }
        if (configDir != null) {
            argv.addAll(List.of("--config-dir", configDir.toString()));
        }
        if (stateDir != null) {
            argv.addAll(List.of("--state-dir", stateDir.toString()));
        }
        return argv;
    }

    /** A suggested command line: {@code virtwire ARGS...} with these host options, quoted for a POSIX shell. */
    String suggest(String... args) {
        return suggestions().line(args);
    }

    /** How the change and diagnose layers spell the commands they suggest: with these options, as given. */
    SuggestedCommands suggestions() {
        return new SuggestedCommands(arguments());
    }
}
