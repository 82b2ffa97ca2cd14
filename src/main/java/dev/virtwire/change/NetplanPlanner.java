package dev.virtwire.change;

import dev.virtwire.change.op.CheckpointOp;
import dev.virtwire.change.op.LinkMasterOp;
import dev.virtwire.change.op.LinkMtuOp;
import dev.virtwire.change.op.NetplanFileOp;
import dev.virtwire.change.op.NetplanNmSwapOp;
import dev.virtwire.change.op.NetworkdSwapOp;
import dev.virtwire.change.op.UplinkWatchdogOp;
import dev.virtwire.change.op.NetplanFileOp.Live;
import dev.virtwire.change.op.Operation;
import dev.virtwire.host.HostReader;
import dev.virtwire.model.BridgeSettings;
import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.ConfigFileChange;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.LinkOwner;
import dev.virtwire.model.SavedLink;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Bridges through netplan: YAML files of Virtwire's own beside the user's (netplan merges every file in file-name
 * order, so a later file can add a bridge, or add a link the user's files define to a bridge), mode 600 as netplan
 * asks; then {@code netplan generate} and only what networkd needs ({@link NetplanFileOp}). A bridge is {@code
 * 90-virtwire-BRIDGE.yaml}, a port {@code 91-virtwire-port-LINK.yaml} (after every bridge file). The user's files are
 * rewritten only to bridge the uplink, whose address lines no later file can take away; any other change to what they
 * make is refused, with the file and line to change. Rendered for NetworkManager, a
 * change to a link netplan owns is saved only (from the next boot; live it is not done yet) but for bridging the
 * uplink, and a new bridge is NetworkManager's own profile ({@link SavedScope}). Bridging the uplink moves its IP
 * settings to the bridge's file ({@link NetplanUplinkFile}), under Virtwire's watchdog ({@code netplan try} needs a
 * terminal), or, rendered for NetworkManager, under its checkpoint and Virtwire's timer for the files.
 */
final class NetplanPlanner {
    static final String DIR = "/etc/netplan/";
    /** How long after NetworkManager's checkpoint Virtwire's timer puts netplan's files back. */
    static final int FILES_AFTER_CHECKPOINT = 10;
    private static final String HEADER = "# Made by Virtwire; undo removes it.\nnetwork:\n  version: 2\n";
    private final HostSnapshot s;
    private final HostReader host;
    private final SavedScope scope;
    private final NetplanFiles yaml;

    NetplanPlanner(HostSnapshot s, HostReader host, SavedScope scope) {
        this.s = s;
        this.host = host;
        this.scope = scope;
        this.yaml = NetplanFiles.read(s, host);
    }

    /** Live, only the uplink's bridging is carried out for NetworkManager; everything else only for networkd. */
    private void requireLiveThroughNetworkd() {
        if (scope.scope().live() && !yaml.rendersForNetworkd()) {
            throw new ChangeRefused("netplan renders this host's network for " + yaml.renderer() + ": Virtwire saves "
                    + "changes there only from the next boot (--scope saved); live through netplan it drives only "
                    + "networkd so far (and NetworkManager for bridging the uplink)");
        }
    }

    Plan createBridge(LinkIntent.CreateBridge i, BridgeSettings settings) {
        requireLiveThroughNetworkd();
        s.saved().owner(i.name()).ifPresent(l -> {
            throw new ChangeRefused(i.name() + " is saved already (" + l.owner() + ", " + l.source() + "): remove it "
                    + "there first");
        });
        ConfigFile file = own(bridgeFile(i.name()), "  bridges:\n    " + i.name() + ":\n      link-local: []\n"
                + "      parameters:\n        stp: " + settings.stp() + "\n        forward-delay: "
                + settings.forwardDelayOrDefault() / 100 + "\n");
        SavedFiles.absent(host, file.path());
        return plan(i, List.of(new NetplanFileOp(i.name(), Optional.empty(), Optional.of(file), live(Live.MAKE))));
    }

    /** Only a bridge Virtwire's own file makes, and only once no netplan file puts a port into it. */
    Plan deleteBridge(LinkIntent.DeleteBridge i, Link bridge) {
        requireLiveThroughNetworkd();
        List<String> ports = s.saved().links().stream().filter(l -> l.master().filter(bridge.name()::equals)
                .isPresent()).map(l -> l.name() + " (" + l.source() + ")").toList();
        if (!ports.isEmpty()) {
            throw new ChangeRefused(bridge.name() + " has ports saved in netplan: " + String.join(", ", ports)
                    + ": take them out of it first");
        }
        ConfigFile file = host.savedFile(bridgeFile(bridge.name())).orElseThrow(() -> new ChangeRefused(bridge.name()
                + " is made by " + scope.profile().map(SavedLink::source).orElse("a netplan file") + ", not by "
                + "Virtwire's own " + bridgeFile(bridge.name()) + ": remove it there (then netplan apply)"));
        return plan(i, List.of(new NetplanFileOp(bridge.name(), Optional.of(file), Optional.empty(),
                live(Live.DELETE))));
    }

    /**
     * A link put into a bridge netplan makes, through a file of Virtwire's own that lists it in the bridge's
     * {@code interfaces} (netplan appends it to the ones the bridge's own file lists) and, for a NIC no netplan file
     * defines, defines it as an ethernet; then {@code ip link set} for what runs. Taken out again by removing that
     * file; a port the user's files list is left to them.
     */
    Plan setPort(LinkIntent.SetLinkMaster i, Link link, boolean risky) {
        requireLiveThroughNetworkd();
        String path = DIR + "91-virtwire-port-" + link.name() + ".yaml";
        Optional<ConfigFile> found = host.savedFile(path);
        Optional<SavedLink> saved = s.saved().owner(link.name()).filter(l -> l.owner() == LinkOwner.NETPLAN);
        List<Operation> ops = new ArrayList<>();
        if (i.master().isPresent()) {
            String bridge = i.master().get();
            s.saved().owner(bridge).filter(b -> b.owner() == LinkOwner.NETPLAN).orElseThrow(() -> new ChangeRefused(
                    bridge + " is made by no netplan file: netplan can put " + link.name() + " only into a bridge it "
                            + "makes"));
            SavedFiles.absent(found);
            saved.ifPresent(l -> {
                l.master().ifPresent(m -> {
                    throw new ChangeRefused(link.name() + " is saved as a port of " + m + " (" + l.source() + "): "
                            + "take it out there first");
                });
                if (l.addresses().filter(a -> a.dhcp() || !a.fixed().isEmpty()).isPresent()) {
                    throw new ChangeRefused(link.name() + " has addresses in " + l.source() + ": bridge it as the "
                            + "uplink (its addresses move to the bridge), not as a plain port");
                }
            });
            if (saved.isEmpty() && link.kind() != LinkKind.PHYSICAL) {
                throw new ChangeRefused(link.name() + " is a " + link.kind().json() + " no netplan file defines: "
                        + "netplan bridges only links it defines (ethernets, bonds, VLANs); use --scope live (gone "
                        + "after reboot)");
            }
            String ethernet = saved.isEmpty() ? "  ethernets:\n    " + link.name() + ": {}\n" : "";
            ConfigFile file = own(path, ethernet + "  bridges:\n    " + bridge + ":\n      interfaces: [" + link.name()
                    + "]\n");
            ops.add(new NetplanFileOp(link.name(), Optional.empty(), Optional.of(file), Live.RENDER_ONLY));
        } else {
            ConfigFile file = found.orElseThrow(() -> new ChangeRefused(link.name() + " is put into " + link.master()
                    .orElse("its bridge") + " by " + saved.map(SavedLink::source).orElse("a netplan file") + ", not by "
                    + "Virtwire's own " + path + ": remove it from the bridge's interfaces there (then netplan apply)"));
            ops.add(new NetplanFileOp(link.name(), Optional.of(file), Optional.empty(), Live.RENDER_ONLY));
        }
        if (scope.scope().live()) {
            ops.add(new LinkMasterOp(link.name(), i.master(), link.master(), risky));
        }
        return plan(i, ops);
    }

    /**
     * The uplink bridged: the bridge's file of Virtwire's own with the uplink as its port and the uplink's IP
     * settings; the uplink loses them through that file ({@code dhcp4: false}: netplan overrides scalars) where it
     * can, else they are cut from the user's file (netplan appends a later file's addresses and routes, it never
     * takes them away). Live, rendered for networkd: one command on the host (files, netplan generate, networkctl
     * reload and reconfigure) under the watchdog, which puts the files back and renders them again; rendered for
     * NetworkManager: {@link NetplanNmSwapOp} under its checkpoint ({@link #underCheckpoint}); saved only: the files,
     * from the next boot.
     */
    Plan bridgeUplink(LinkIntent.BridgeUplink i, Link nic, String bridge) {
        List<NetplanUplinkFile> defining = yaml.files().stream().map(f -> NetplanUplinkFile.find(f, nic.name()))
                .flatMap(Optional::stream).toList();
        if (defining.size() != 1) {
            throw new ChangeRefused(defining.isEmpty() ? nic.name() + " is defined in no netplan file: nothing to "
                    + "move to " + bridge : nic.name() + " is defined in several netplan files (" + String.join(", ",
                    defining.stream().map(d -> d.file().path()).toList()) + "), which netplan merges: bridge it in "
                    + "them by hand");
        }
        NetplanUplinkFile theirs = defining.get(0);
        if (!theirs.hasIpSettings()) {
            throw new ChangeRefused(nic.name() + "'s definition in " + theirs.file().path() + " gives it no address "
                    + "(no addresses, dhcp4 or dhcp6): nothing to move to " + bridge + "; add it as a port instead");
        }
        String path = bridgeFile(bridge);
        boolean override = theirs.overridable() && name(theirs.file().path()).compareTo(name(path)) < 0;
        if (!override && !theirs.file().path().startsWith(DIR)) {
            throw new ChangeRefused(nic.name() + "'s addresses are in " + theirs.file().path() + ", outside " + DIR
                    + ": Virtwire rewrites only files there; bridge it by hand");
        }
        String mac = i.moveMac() ? "      macaddress: " + nic.mac().orElseThrow(() -> new ChangeRefused("the MAC of "
                + nic.name() + " could not be read: bridge without moving the MAC")) + "\n" : "";
        String port = override ? "  " + theirs.kind() + ":\n    " + nic.name() + ":\n" + String.join("",
                theirs.overrides().stream().map(o -> "      " + o + "\n").toList()) : "";
        ConfigFile own = own(path, port + "  bridges:\n    " + bridge + ":\n      interfaces: [" + nic.name()
                + "]\n" + String.join("", theirs.ipSettings(6).stream().map(l -> l + "\n").toList()) + mac
                + "      parameters:\n        stp: false\n        forward-delay: 0\n"); // the port forwards at once
        SavedFiles.absent(host, own.path());
        List<ConfigFileChange> files = new ArrayList<>(List.of(ConfigFileChange.written(own)));
        if (!override) {
            files.add(ConfigFileChange.rewritten(theirs.file(), theirs.withoutIpSettings()));
        }
        if (!scope.scope().live()) {
            return plan(i, files.stream().<Operation>map(f -> new NetplanFileOp(nic.name(), f.before(), f.after(),
                    Live.RENDER_ONLY)).toList());
        }
        String confirm = " (confirm within " + i.confirmWithinSeconds() + " s)";
        if (!yaml.rendersForNetworkd()) {
            return new Plan(i, i.describe() + " through netplan (NetworkManager)" + confirm,
                    underCheckpoint(i.confirmWithinSeconds(), files, bridge, nic.name()));
        }
        return new Plan(i, i.describe() + " through netplan" + confirm,
                List.of(UplinkWatchdogOp.bridging(UUID.randomUUID().toString(), i.confirmWithinSeconds(),
                                LinkOwner.NETPLAN, files, bridge, nic.name()),
                        new NetworkdSwapOp(nic.name(), bridge, true, files, true)));
    }

    /**
     * Rendered for NetworkManager: its checkpoint takes back what runs, but not the YAML, from which the next {@code
     * netplan generate} (at the latest at boot) would make the bridge again; so Virtwire's timer, running out {@link
     * #FILES_AFTER_CHECKPOINT} s after the checkpoint, puts the files back and has them rendered and read again. A
     * confirmation stops both (the checkpoint first: in time for it is in time for the files).
     */
    private static List<Operation> underCheckpoint(int seconds, List<ConfigFileChange> files, String bridge,
                                                   String nic) {
        return List.of(new CheckpointOp(UUID.randomUUID().toString(), seconds, true),
                // no bridge for the timer to delete: the checkpoint takes it back
                new UplinkWatchdogOp(UUID.randomUUID().toString(), seconds + FILES_AFTER_CHECKPOINT,
                        LinkOwner.NETWORK_MANAGER, files, Optional.empty(), nic, List.of(), true),
                new NetplanNmSwapOp(nic, bridge, true, files));
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /**
     * {@code mtu:} for the link in a file of Virtwire's own ({@code 92-virtwire-mtu-LINK.yaml}), under the section
     * that defines it: netplan merges a later file's keys into an earlier definition of the same id and kind. A link
     * no file defines under its own name (matched by {@code match:}, or only a bridge's port) cannot be named so, and
     * an {@code mtu:} in a file netplan reads after it would win: both refused, naming the file. Then {@code ip link
     * set} for what runs.
     */
    Plan setMtu(LinkIntent.SetLinkMtu i, Optional<LinkMtuOp> live) {
        requireLiveThroughNetworkd();
        String path = DIR + "92-virtwire-mtu-" + i.link() + ".yaml";
        List<NetplanFiles.Definition> defined = yaml.definitions(i.link()).stream()
                .filter(d -> !d.path().equals(path)).toList();
        if (defined.isEmpty()) {
            throw new ChangeRefused(i.link() + " is not defined under its own name in netplan's YAML ("
                    + scope.profile().map(SavedLink::source).orElse(DIR) + "): a file of Virtwire's own cannot add an "
                    + "MTU to it; add mtu: " + i.mtu() + " to its definition there (netplan try, then netplan apply)");
        }
        String name = path.substring(DIR.length());
        defined.stream().filter(d -> d.setsMtu() && d.path().substring(d.path().lastIndexOf('/') + 1)
                .compareTo(name) > 0).findFirst().ifPresent(d -> {
                    throw new ChangeRefused(d.at() + " sets the MTU of " + i.link() + " and netplan reads it after "
                            + path + ", so it would win: change mtu: there");
                });
        ConfigFile file = own(path, "  " + defined.get(defined.size() - 1).kind() + ":\n    " + i.link()
                + ":\n      mtu: " + i.mtu() + "\n");
        Optional<ConfigFile> found = host.savedFile(path);
        List<Operation> ops = new ArrayList<>(List.of(new NetplanFileOp(i.link(), found, Optional.of(file),
                Live.RENDER_ONLY)));
        live.ifPresent(ops::add);
        return plan(i, ops);
    }

    static String bridgeFile(String bridge) {
        return DIR + "90-virtwire-" + bridge + ".yaml";
    }

    private Live live(Live wanted) {
        return scope.scope().live() ? wanted : Live.RENDER_ONLY;
    }

    private Plan plan(Intent i, List<Operation> ops) {
        return new Plan(i, i.describe() + " through netplan" + (scope.scope().live() ? ""
                : ", saved only (from the next boot)"), ops);
    }

    /** Readable and writable by root only: netplan warns about any other mode (its files may hold secrets). */
    static ConfigFile own(String path, String body) {
        return ConfigFile.privateToRoot(path, HEADER + body);
    }
}
