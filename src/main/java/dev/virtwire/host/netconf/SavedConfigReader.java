package dev.virtwire.host.netconf;

import dev.virtwire.host.HostException;
import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkOwner;
import dev.virtwire.model.ManagerFound;
import dev.virtwire.model.SavedConfig;
import dev.virtwire.model.SavedLink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Reads what the host's network configuration managers have saved: NetworkManager, systemd-networkd, netplan
 * and ifupdown side by side, at the host's target (commands and files alike). Profiles and files netplan
 * generated for its renderer ({@code netplan-NAME} profiles, {@code 10-netplan-*} networkd files) are
 * netplan's: the YAML is what is saved. Whatever fails becomes a gap; the rest is still returned.
 */
public final class SavedConfigReader {
    private static final System.Logger LOG = System.getLogger("dev.virtwire.host.netconf");

    /** Every folder the managers' readers list first (and ifupdown's usual source-directory). */
    private static final List<String> FOLDERS = java.util.stream.Stream.of(NetworkdFiles.DIRS, NetplanYaml.DIRS,
            List.of(IfupdownInterfaces.PARTS)).flatMap(List::stream).toList();

    private final HostCommands commands;
    private final Executor executor;

    /** The saved configuration and what could not be read of it. */
    public record Reading(SavedConfig config, List<String> gaps) {
        public Reading {
            gaps = List.copyOf(gaps);
        }

        /** Nothing read (recorded hosts, the demo). */
        public static Reading notRead() {
            return new Reading(SavedConfig.unknown(), List.of());
        }
    }

    public SavedConfigReader(HostCommands commands, Executor executor) {
        this.commands = commands;
        this.executor = executor;
    }

    public SavedConfigReader(CommandRunner runner, Executor executor) {
        this(HostCommands.of(runner), executor);
    }

    /** @param running the links that run now (networkd's files are matched against them) */
    public Reading read(List<Link> running) {
        HostFiles files = new HostFiles(commands, FOLDERS, executor);
        Map<String, String> renderers = new ConcurrentHashMap<>();
        var nm = start("NetworkManager", () -> new NetworkManagerProfiles(commands, files).read());
        var networkd = start("systemd-networkd", () -> new NetworkdFiles(commands, files, executor).read(running));
        var netplan = start("netplan", () -> new NetplanYaml(files).read(renderers));
        var ifupdown = start("ifupdown", () -> new IfupdownInterfaces(files).read());
        List<ManagerRead> reads = List.of(nm.join(), networkd.join(), netplan.join(), ifupdown.join());
        List<ManagerFound> found = new ArrayList<>();
        List<String> gaps = new ArrayList<>();
        reads.forEach(r -> {
            r.found().ifPresent(found::add);
            gaps.addAll(r.gaps());
        });
        return new Reading(new SavedConfig(true, found, netplanOwnsWhatItRendered(reads)), gaps);
    }

    private CompletableFuture<ManagerRead> start(String manager, Supplier<ManagerRead> read) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return read.get();
            } catch (HostException e) {
                return ManagerRead.failed(manager + ": " + e.getMessage());
            } catch (RuntimeException e) {
                // a configuration no reader foresaw must not stop the host's read; the Java details go to the log
                LOG.log(System.Logger.Level.WARNING, manager + ": reading its configuration failed", e);
                return ManagerRead.failed(manager + ": its configuration has content Virtwire could not read (the "
                        + "log says where)");
            }
        }, executor);
    }

    /**
     * The links of every manager; a NetworkManager profile or networkd file netplan generated is left out, and
     * the netplan link it came from takes its "applied now".
     */
    static List<SavedLink> netplanOwnsWhatItRendered(List<ManagerRead> reads) {
        List<SavedLink> all = reads.stream().flatMap(r -> r.links().stream()).toList();
        List<SavedLink> out = new ArrayList<>();
        for (SavedLink link : all) {
            if (rendered(link)) {
                continue;
            }
            if (link.owner() == LinkOwner.NETPLAN) {
                boolean applied = all.stream().anyMatch(r -> rendered(r) && r.name().equals(link.name()) && r.active());
                out.add(link.withActive(applied));
            } else {
                out.add(link);
            }
        }
        return out;
    }

    private static boolean rendered(SavedLink link) {
        return link.owner() == LinkOwner.NETWORK_MANAGER && link.source().startsWith("netplan-")
                || link.owner() == LinkOwner.NETWORKD && link.source().contains("/10-netplan-");
    }
}
