package dev.virtwire.change;

import dev.virtwire.change.op.LinkMasterOp;
import dev.virtwire.change.op.LinkMtuOp;
import dev.virtwire.change.op.ManagerFileOp;
import dev.virtwire.change.op.ManagerLinkOp;
import dev.virtwire.change.op.NetworkdSwapOp;
import dev.virtwire.change.op.Operation;
import dev.virtwire.change.op.UplinkWatchdogOp;
import dev.virtwire.host.HostReader;
import dev.virtwire.model.BridgeSettings;
import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.ConfigFileChange;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkOwner;
import dev.virtwire.model.SavedLink;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Bridges through systemd-networkd: a {@code .netdev} that makes the bridge and a {@code .network} that brings it
 * up without addresses, two small files of Virtwire's own in /etc/systemd/network, then {@code networkctl reload}
 * (or, saved only, nothing until the next boot). Deleting takes back those files and the bridge; a bridge another
 * file makes is left to its author. A port is a {@code .network} file of Virtwire's own with {@code Bridge=}.
 * Bridging the uplink moves its IP settings to the bridge's {@code .network} ({@link NetworkdUplinkFile}), under
 * Virtwire's watchdog.
 */
final class NetworkdPlanner {
    static final String UNITS = "/etc/systemd/network/";
    private static final String NAME = LinkOwner.NETWORKD.json();
    private final HostReader host;
    private final SavedScope scope;

    NetworkdPlanner(HostReader host, SavedScope scope) {
        this.host = host;
        this.scope = scope;
    }

    Plan createBridge(LinkIntent.CreateBridge i, BridgeSettings settings) {
        List<ConfigFile> files = List.of(netdev(i.name(), settings), network(i.name()));
        for (ConfigFile f : files) {
            SavedFiles.absent(host, f.path());
        }
        List<Operation> ops = new ArrayList<>();
        files.forEach(f -> ops.add(new ManagerFileOp(NAME, i.name(), Optional.empty(), Optional.of(f))));
        if (scope.scope().live()) {
            ops.add(new ManagerLinkOp(i.name(), true, LinkOwner.NETWORKD));
        }
        return plan(i, ops);
    }

    /** The bridge deleted, then its two files removed (kept byte for byte for undo). */
    Plan deleteBridge(LinkIntent.DeleteBridge i, Link bridge) {
        List<Operation> ops = new ArrayList<>();
        if (scope.scope().live()) {
            ops.add(new ManagerLinkOp(bridge.name(), false, LinkOwner.NETWORKD));
        }
        boolean any = false;
        for (String path : List.of(network(bridge.name()).path(), netdev(bridge.name(), BridgeSettings.KERNEL_DEFAULT)
                .path())) {
            Optional<ConfigFile> found = host.savedFile(path);
            if (found.isPresent()) {
                any = true;
                ops.add(new ManagerFileOp(NAME, bridge.name(), found, Optional.empty()));
            }
        }
        if (!any) {
            throw new ChangeRefused(bridge.name() + " is made by " + scope.profile().map(p -> p.source())
                    .orElse("a systemd-networkd file") + ", not by Virtwire's own " + UNITS + "60-virtwire-"
                    + bridge.name() + ".netdev: remove it from that file (then networkctl reload; networkctl delete "
                    + bridge.name() + ")");
        }
        return plan(i, ops);
    }

    /**
     * A link put into a bridge networkd makes, through a {@code .network} file of Virtwire's own that networkd
     * matches before the link's other files ({@code 05-virtwire-LINK.network}: {@code Bridge=}), then {@code ip link
     * set} for what runs; taken out again by removing that file. A port another file puts in the bridge is left to
     * that file's author.
     */
    Plan setPort(LinkIntent.SetLinkMaster i, Link link, boolean risky) {
        ConfigFile own = unit("05-virtwire-" + link.name() + ".network", List.of("[Match]", "Name=" + link.name(), "",
                "[Network]", "Bridge=" + i.master().orElse(""), "LinkLocalAddressing=no"));
        Optional<ConfigFile> found = host.savedFile(own.path());
        Optional<String> other = scope.profile().filter(p -> p.name().equals(link.name()))
                .map(SavedLink::file).filter(p -> !p.equals(own.path()));
        scope.profile().filter(p -> p.name().equals(link.name()) && p.addresses()
                .filter(a -> a.dhcp() || !a.fixed().isEmpty()).isPresent()).ifPresent(p -> {
                    throw new ChangeRefused(link.name() + " has addresses in " + p.source() + ": bridge it as the "
                            + "uplink (its addresses move to the bridge), not as a plain port");
                });
        List<Operation> ops = new ArrayList<>();
        if (i.master().isPresent()) {
            SavedFiles.absent(found);
            other.filter(p -> name(p).compareTo(name(own.path())) < 0).ifPresent(p -> {
                throw new ChangeRefused(link.name() + " is configured by " + p + ", which systemd-networkd reads "
                        + "before " + own.path() + ": add Bridge=" + i.master().get() + " there");
            });
            ops.add(new ManagerFileOp(NAME, link.name(), Optional.empty(), Optional.of(own)));
        } else {
            ops.add(new ManagerFileOp(NAME, link.name(), Optional.of(found.orElseThrow(() -> new ChangeRefused(
                    link.name() + " is put into " + link.master().orElse("its bridge") + " by " + other.orElse(
                            "a systemd-networkd file") + ", not by Virtwire's own " + own.path() + ": remove its "
                            + "Bridge= line there (then networkctl reload)"))), Optional.empty()));
        }
        if (scope.scope().live()) {
            ops.add(new LinkMasterOp(link.name(), i.master(), link.master(), risky));
        }
        return plan(i, ops);
    }

    /**
     * {@code MTUBytes=} in the {@code [Link]} section of the link's {@code .network}: the file edited where it is in
     * /etc (every other line as it is), else a copy of it under the same name in /etc, which networkd reads in its
     * place (undo removes the copy); then {@code ip link set} for what runs. A file that matches other links too is
     * refused: the MTU would be theirs as well.
     */
    Plan setMtu(LinkIntent.SetLinkMtu i, Optional<LinkMtuOp> live) {
        String source = scope.profile().map(SavedLink::file).filter(f -> f.endsWith(".network")).orElseThrow(() ->
                new ChangeRefused(i.link() + " is made by " + scope.profile().map(SavedLink::source).orElse("a "
                        + "systemd-networkd file") + " but configured by no .network file: add one with [Link] MTUBytes="
                        + i.mtu() + " by hand (then networkctl reload)"));
        NetworkdUplinkFile theirs = NetworkdUplinkFile.parse(SavedFiles.existing(host, source));
        if (!theirs.matchesOnly(i.link())) {
            throw new ChangeRefused(i.link() + " is configured by " + source + ", which matches other links too (or "
                    + "matches by more than its name): an MTU there would be theirs as well; set MTUBytes= in [Link] "
                    + "there by hand, or give " + i.link() + " a .network of its own");
        }
        String text = theirs.with("Link", "MTUBytes", Integer.toString(i.mtu()));
        List<Operation> ops = new ArrayList<>();
        if (source.startsWith(UNITS)) {
            ops.add(new ManagerFileOp(NAME, i.link(), Optional.of(theirs.file()), Optional.of(theirs.file()
                    .withText(text))));
        } else {
            ConfigFile copy = new ConfigFile(UNITS + name(source), text, "644", "root", "root");
            SavedFiles.absent(host, copy.path());
            ops.add(new ManagerFileOp(NAME, i.link(), Optional.empty(), Optional.of(copy)));
        }
        live.ifPresent(ops::add);
        return plan(i, ops);
    }

    /**
     * The uplink bridged: the bridge's {@code .netdev} and {@code .network} of Virtwire's own, the latter with the
     * uplink's IP settings; the uplink's own file edited ({@code Bridge=} in place of those settings) where it is in
     * /etc and matches the uplink alone, else a file of Virtwire's own that networkd reads first (networkd applies
     * the first {@code .network} by file name, across /etc, /run and /usr/lib, that matches a link). Live: one
     * command on the host under the watchdog; saved only: the files, from the next boot.
     */
    Plan bridgeUplink(LinkIntent.BridgeUplink i, Link nic, String bridge) {
        String source = scope.profile().map(SavedLink::file).orElseThrow(() ->
                new ChangeRefused(nic.name() + " has no systemd-networkd file to move to " + bridge));
        NetworkdUplinkFile theirs = NetworkdUplinkFile.parse(SavedFiles.existing(host, source));
        if (theirs.ipSettings().isEmpty()) {
            throw new ChangeRefused(nic.name() + "'s file " + source + " gives it no address (no Address=, DHCP= or "
                    + "[Address]): nothing to move to " + bridge + "; add " + nic.name() + " as a port instead");
        }
        List<String> settings = new ArrayList<>(List.of("[Match]", "Name=" + bridge, "", "[Network]"));
        settings.addAll(theirs.ipSettings());
        ConfigFile netdev = netdev(bridge, BridgeSettings.forNewBridge(false, 0)); // the port forwards at once
        if (i.moveMac()) {
            netdev = netdev.withText(netdev.text().replace("Kind=bridge\n", "Kind=bridge\nMACAddress="
                    + nic.mac().orElseThrow(() -> new ChangeRefused("the MAC of " + nic.name() + " could not be read: "
                    + "bridge without moving the MAC")) + "\n"));
        }
        List<ConfigFileChange> files = new ArrayList<>(List.of(ConfigFileChange.written(netdev),
                ConfigFileChange.written(unit("60-virtwire-" + bridge + ".network", settings))));
        if (source.startsWith(UNITS) && theirs.matchesOnly(nic.name())) {
            files.add(ConfigFileChange.rewritten(theirs.file(), theirs.file().withText(
                    String.join("\n", theirs.asPortOf(bridge, true)) + "\n")));
        } else {
            List<String> own = new ArrayList<>(List.of("[Match]", "Name=" + nic.name(), ""));
            own.addAll(theirs.asPortOf(bridge, false));
            ConfigFile port = unit("05-virtwire-" + nic.name() + ".network", own);
            if (name(source).compareTo(name(port.path())) < 0) {
                throw new ChangeRefused(nic.name() + " is configured by " + source + ", which also matches other "
                        + "links (or is not in " + UNITS + ") and which systemd-networkd reads before "
                        + port.path() + ": bridge " + nic.name() + " in that file by hand");
            }
            files.add(ConfigFileChange.written(port));
        }
        for (ConfigFileChange f : files) {
            if (f.before().isEmpty()) {
                SavedFiles.absent(host, f.path());
            }
        }
        String title = i.describe() + " through systemd-networkd";
        if (!scope.scope().live()) {
            return new Plan(i, title + ", saved only (from the next boot)", files.stream().<Operation>map(f ->
                    new ManagerFileOp(NAME, nic.name(), f.before(), f.after())).toList());
        }
        return new Plan(i, title + " (confirm within " + i.confirmWithinSeconds() + " s)", List.of(
                UplinkWatchdogOp.bridging(UUID.randomUUID().toString(), i.confirmWithinSeconds(), LinkOwner.NETWORKD,
                        files, bridge, nic.name()),
                new NetworkdSwapOp(nic.name(), bridge, true, files, false)));
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private Plan plan(Intent i, List<Operation> ops) {
        return new Plan(i, i.describe() + " through systemd-networkd" + (scope.scope().live() ? ""
                : ", saved only (from the next boot)"), ops);
    }

    static ConfigFile netdev(String name, BridgeSettings settings) {
        return unit("60-virtwire-" + name + ".netdev", List.of("[NetDev]", "Name=" + name, "Kind=bridge", "",
                "[Bridge]", "STP=" + (settings.stp() ? "yes" : "no"), "ForwardDelaySec=" + settings.forwardDelayOrDefault() / 100));
    }

    /** Up without addresses and without a carrier (no port yet); no IPv6 link-local address of its own. */
    static ConfigFile network(String name) {
        return unit("60-virtwire-" + name + ".network", List.of("[Match]", "Name=" + name, "", "[Network]",
                "LinkLocalAddressing=no", "ConfigureWithoutCarrier=yes"));
    }

    static ConfigFile unit(String file, List<String> lines) {
        return new ConfigFile(UNITS + file, "# Made by Virtwire; undo removes it.\n"
                + String.join("\n", lines) + "\n", "644", "root", "root");
    }
}
