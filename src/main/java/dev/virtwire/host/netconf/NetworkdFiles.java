package dev.virtwire.host.netconf;

import dev.virtwire.host.HostException;
import dev.virtwire.host.exec.CommandResult;
import dev.virtwire.host.exec.Background;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkOwner;
import dev.virtwire.model.ManagerFound;
import dev.virtwire.model.SavedAddresses;
import dev.virtwire.model.SavedLink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * systemd-networkd: its {@code .netdev} and {@code .network} files in /etc, /run and /usr/lib (a name in an
 * earlier folder hides the same name in a later one; an empty file masks it), and {@code networkctl list} for
 * what it applies now. A running link belongs to the first {@code .network} (by file name) whose
 * {@code [Match]} fits it ({@link NetworkdMatch}); a {@code .netdev} makes a link that may not run yet.
 * networkd counts as present when {@code networkctl} answers or /etc or /run hold its files (the files systemd
 * ships in /usr/lib alone do not make it the host's manager).
 */
final class NetworkdFiles {
    static final List<String> DIRS = List.of("/etc/systemd/network", "/run/systemd/network",
            "/usr/local/lib/systemd/network", "/usr/lib/systemd/network");
    static final List<String> LIST = List.of("networkctl", "list", "--no-legend", "--no-pager");

    private final HostCommands commands;
    private final HostFiles files;
    /** Runs the folders' listings, then the files' reads, side by side (a host over ssh answers each slowly). */
    private final Executor executor;

    NetworkdFiles(HostCommands commands, HostFiles files, Executor executor) {
        this.executor = executor;
        this.commands = commands;
        this.files = files;
    }

    ManagerRead read(List<Link> running) {
        var listed = CompletableFuture.supplyAsync(() -> commands.runIfInstalled(LIST), executor);
        List<String> gaps = new ArrayList<>();
        Map<String, TextFile> units = new TreeMap<>(); // by file name: the order networkd reads them in
        Map<String, String> folderOf = new LinkedHashMap<>(); // by file name: the first folder that has it
        List<CompletableFuture<List<String>>> listings = DIRS.stream()
                .map(dir -> CompletableFuture.supplyAsync(() -> files.list(dir), executor)).toList();
        for (int i = 0; i < DIRS.size(); i++) {
            for (String name : Background.joined(listings.get(i))) {
                if (name.endsWith(".network") || name.endsWith(".netdev")) {
                    folderOf.putIfAbsent(name, DIRS.get(i));
                }
            }
        }
        boolean onlyPackaged = folderOf.values().stream().allMatch(dir -> dir.startsWith("/usr/"));
        if (onlyPackaged && !answers(Background.joined(listed))) {
            // networkd is not at work and no folder of the admin's holds a unit: the package's own examples
            // (systemd ships several in /usr/lib) are not read, one process each
            return ManagerRead.absent();
        }
        Map<String, CompletableFuture<Optional<TextFile>>> reads = new LinkedHashMap<>();
        folderOf.forEach((name, dir) -> reads.put(name,
                CompletableFuture.supplyAsync(() -> files.read(dir + "/" + name), executor)));
        boolean userFiles = false;
        for (var read : reads.entrySet()) {
            try {
                Optional<TextFile> f = Background.joined(read.getValue());
                if (f.isPresent()) {
                    units.put(read.getKey(), f.get());
                    userFiles |= !folderOf.get(read.getKey()).startsWith("/usr/");
                }
            } catch (HostException e) {
                gaps.add("systemd-networkd: " + e.getMessage());
            }
        }
        Optional<CommandResult> list = Background.joined(listed);
        boolean answers = answers(list);
        if (!answers && !userFiles) {
            return list.isEmpty() && units.isEmpty() ? ManagerRead.absent() : new ManagerRead(Optional.empty(),
                    List.of(), gaps);
        }
        ManagerFound found = new ManagerFound(LinkOwner.NETWORKD, answers, answers ? "networkctl list"
                : "files in /etc/systemd/network or /run/systemd/network");
        Map<String, String> setup = answers ? setupStates(list.get().stdout()) : Map.of();
        List<SavedLink> links = links(new ArrayList<>(units.values()), running, setup, gaps);
        return new ManagerRead(Optional.of(found), links, gaps);
    }

    private static boolean answers(Optional<CommandResult> list) {
        return list.filter(CommandResult::ok).filter(r -> managesSome(r.stdout())).isPresent();
    }

    /**
     * Whether networkd is at work: {@code networkctl list} answers from the kernel's links whenever it reaches a
     * system bus, also when networkd is not running (a host that switched to ifupdown); only a link networkd
     * sets up (any SETUP state but unmanaged) shows it manages something.
     */
    static boolean managesSome(String listed) {
        return setupStates(listed).values().stream().anyMatch(s -> !s.equals("unmanaged") && !s.equals("n/a"));
    }

    /** {@code networkctl list}: IDX LINK TYPE OPERATIONAL SETUP. */
    static Map<String, String> setupStates(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.lines().toList()) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 5) {
                out.put(f[1], f[4]);
            }
        }
        return out;
    }

    /**
     * Pure: the saved links these files (in networkd's order, masked ones empty) make for the running links and
     * for the links their {@code .netdev}s create; a file that does not parse is a gap and is left out.
     */
    static List<SavedLink> links(List<TextFile> files, List<Link> running, Map<String, String> setup,
                                 List<String> gaps) {
        List<UnitFile> networks = new ArrayList<>();
        Map<String, UnitFile> netdevs = new LinkedHashMap<>();
        for (TextFile f : files) {
            if (f.lines().stream().allMatch(String::isBlank)) {
                continue; // masked
            }
            try {
                UnitFile unit = UnitFile.parse(f);
                if (f.path().endsWith(".netdev")) {
                    unit.value("NetDev", "Name").ifPresent(n -> netdevs.putIfAbsent(n, unit));
                } else {
                    networks.add(unit);
                }
            } catch (ConfigSyntaxException e) {
                gaps.add("systemd-networkd: " + e.getMessage());
            }
        }
        Map<String, String> vlanParents = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(running.stream().map(Link::name).toList());
        netdevs.keySet().stream().filter(n -> !names.contains(n)).forEach(names::add);
        Map<String, UnitFile> networkOf = new LinkedHashMap<>();
        for (String name : names) {
            Optional<Link> link = running.stream().filter(l -> l.name().equals(name)).findFirst();
            if ("unmanaged".equals(setup.get(name))) {
                continue;
            }
            for (UnitFile n : networks) {
                if (NetworkdMatch.matches(n, name, link, gaps)) {
                    networkOf.put(name, n);
                    n.values("Network", "VLAN").forEach(v -> vlanParents.put(v, name));
                    break;
                }
            }
        }
        List<SavedLink> out = new ArrayList<>();
        for (String name : names) {
            UnitFile network = networkOf.get(name);
            UnitFile netdev = netdevs.get(name);
            if (network == null && netdev == null) {
                continue;
            }
            UnitFile where = network != null ? network : netdev;
            String source = where.file().at(network != null ? network.lineOf("Match") : netdev.lineOf("NetDev"));
            OptionalInt mtu = mtu(network, "Link").isPresent() ? mtu(network, "Link") : mtu(netdev, "NetDev");
            Optional<String> master = network == null ? Optional.empty()
                    : network.value("Network", "Bridge").or(() -> network.value("Network", "Bond"));
            OptionalInt vlanId = netdev == null ? OptionalInt.empty()
                    : netdev.value("VLAN", "Id").map(NetworkdFiles::number).orElse(OptionalInt.empty());
            String state = setup.getOrDefault(name, "");
            out.add(new SavedLink(name, LinkOwner.NETWORKD, source, true, state.startsWith("configur"), master,
                    Optional.of(network == null ? SavedAddresses.none() : addresses(network)), mtu, vlanId,
                    vlanId.isPresent() ? Optional.ofNullable(vlanParents.get(name)) : Optional.empty()));
        }
        return out;
    }

    private static SavedAddresses addresses(UnitFile network) {
        List<String> fixed = new ArrayList<>(network.values("Network", "Address"));
        fixed.addAll(network.values("Address", "Address"));
        String dhcp = network.value("Network", "DHCP").orElse("no");
        boolean v4 = List.of("yes", "true", "ipv4", "1", "on").contains(dhcp);
        // IPv4 only: the running link's addresses are IPv4
        return new SavedAddresses(v4, fixed.stream().filter(a -> a.contains(".")).toList());
    }

    private static OptionalInt mtu(UnitFile unit, String section) {
        return unit == null ? OptionalInt.empty()
                : unit.value(section, "MTUBytes").map(NetworkdFiles::number).orElse(OptionalInt.empty());
    }

    private static OptionalInt number(String value) {
        try {
            return OptionalInt.of(Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty(); // "1K" and the like: not compared
        }
    }
}
