package dev.virtwire.change;

import dev.virtwire.change.op.LinkMasterOp;
import dev.virtwire.change.op.ManagerFileOp;
import dev.virtwire.change.op.ManagerLinkOp;
import dev.virtwire.change.op.Operation;
import dev.virtwire.host.HostReader;
import dev.virtwire.model.BridgeSettings;
import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkOwner;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Bridges through systemd-networkd: a {@code .netdev} that makes the bridge and a {@code .network} that brings it
 * up without addresses, two small files of Virtwire's own in /etc/systemd/network, then {@code networkctl reload}
 * (or, saved only, nothing until the next boot). Deleting takes back those files and the bridge; a bridge another
 * file makes is left to its author. A port is a {@code .network} file of Virtwire's own with {@code Bridge=}. The
 * uplink through networkd is not done yet: refused, named.
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

    Plan createBridge(Intent.CreateBridge i, BridgeSettings settings) {
        List<ConfigFile> files = List.of(netdev(i.name(), settings), network(i.name()));
        for (ConfigFile f : files) {
            host.savedFile(f.path()).ifPresent(found -> {
                throw new ChangeRefused(f.path() + " exists already: Virtwire does not overwrite a file it did not "
                        + "plan; remove or rename it first");
            });
        }
        List<Operation> ops = new ArrayList<>();
        files.forEach(f -> ops.add(new ManagerFileOp(NAME, i.name(), Optional.empty(), Optional.of(f))));
        if (scope.scope().live()) {
            ops.add(new ManagerLinkOp(i.name(), true, LinkOwner.NETWORKD));
        }
        return plan(i, ops);
    }

    /** The bridge deleted, then its two files removed (kept byte for byte for undo). */
    Plan deleteBridge(Intent.DeleteBridge i, Link bridge) {
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
    Plan setPort(Intent.SetLinkMaster i, Link link, boolean risky) {
        ConfigFile own = unit("05-virtwire-" + link.name() + ".network", List.of("[Match]", "Name=" + link.name(), "",
                "[Network]", "Bridge=" + i.master().orElse(""), "LinkLocalAddressing=no"));
        Optional<ConfigFile> found = host.savedFile(own.path());
        Optional<String> other = scope.profile().filter(p -> p.name().equals(link.name()))
                .map(p -> p.source().replaceFirst(":\\d+$", "")).filter(p -> !p.equals(own.path()));
        scope.profile().filter(p -> p.name().equals(link.name()) && p.addresses()
                .filter(a -> a.dhcp() || !a.fixed().isEmpty()).isPresent()).ifPresent(p -> {
                    throw new ChangeRefused(link.name() + " has addresses in " + p.source() + ": bridge it as the "
                            + "uplink (its addresses move to the bridge), not as a plain port");
                });
        List<Operation> ops = new ArrayList<>();
        if (i.master().isPresent()) {
            found.ifPresent(f -> {
                throw new ChangeRefused(f.path() + " exists already: Virtwire does not overwrite a file it did not "
                        + "plan; remove or rename it first");
            });
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

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    static ChangeRefused notYet(String what) {
        return new ChangeRefused(what + " through systemd-networkd is not done yet (Virtwire saves bridges made and "
                + "deleted there, and their ports): change it in its files under " + UNITS + " (then networkctl reload)");
    }

    private Plan plan(Intent i, List<Operation> ops) {
        return new Plan(i, i.describe() + " through systemd-networkd" + (scope.scope().live() ? ""
                : ", saved only (from the next boot)"), ops);
    }

    private static ConfigFile netdev(String name, BridgeSettings settings) {
        return unit("60-virtwire-" + name + ".netdev", List.of("[NetDev]", "Name=" + name, "Kind=bridge", "",
                "[Bridge]", "STP=" + (settings.stp() ? "yes" : "no"), "ForwardDelaySec=" + settings.forwardDelayOrDefault() / 100));
    }

    /** Up without addresses and without a carrier (no port yet); no IPv6 link-local address of its own. */
    private static ConfigFile network(String name) {
        return unit("60-virtwire-" + name + ".network", List.of("[Match]", "Name=" + name, "", "[Network]",
                "LinkLocalAddressing=no", "ConfigureWithoutCarrier=yes"));
    }

    private static ConfigFile unit(String file, List<String> lines) {
        return new ConfigFile(UNITS + file, "# Made by Virtwire; undo removes it.\n"
                + String.join("\n", lines) + "\n", "644", "root", "root");
    }
}
