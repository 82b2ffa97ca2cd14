package dev.virtwire.change;

import dev.virtwire.change.op.LinkMasterOp;
import dev.virtwire.change.op.ManagerFileOp;
import dev.virtwire.change.op.ManagerLinkOp;
import dev.virtwire.change.op.NetplanFileOp;
import dev.virtwire.change.op.NetworkdLinksOp;
import dev.virtwire.change.op.NmProfileOp;
import dev.virtwire.change.op.Operation;
import dev.virtwire.host.HostReader;
import dev.virtwire.model.BridgeSettings;
import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.LinkOwner;
import dev.virtwire.model.SavedLink;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A new VLAN link and the new bridge it is the port of (or a bridge that runs, saved by the same manager), saved through the manager {@link SavedScope#chooseOn} picks,
 * each the way that manager's planner saves a bridge: NetworkManager a {@code vlan} profile beside the bridge's;
 * systemd-networkd a {@code .netdev} and {@code .network} of Virtwire's own, and {@code VLAN=} in the trunk's own
 * {@code .network} (networkd makes a VLAN only as part of its trunk's configuration); ifupdown a stanza of Virtwire's
 * own for each; netplan a file of Virtwire's own for each (the VLAN's read before the bridge's, after the trunk's:
 * netplan resolves a link named in an earlier file only). Live, the manager then makes both; saved only, nothing
 * runs until the next boot. Undo takes every file back byte for byte and deletes the links.
 */
final class SavedVlanPlanner {
    /** The VLAN's bridge, made with it, as Virtwire's other plans make a plain bridge. */
    private static final BridgeSettings BRIDGE = BridgeSettings.KERNEL_DEFAULT;
    private final HostSnapshot s;
    private final HostReader host;
    private final SavedScope scope;

    /**
     * @param trunk  the link the VLAN is on
     * @param id     the VLAN id
     * @param name   the VLAN link's name (TRUNK.ID)
     * @param bridge the bridge it is the port of
     * @param newBridge whether the bridge is made with it (else it runs, saved by the same manager)
     */
    record NewVlan(String trunk, int id, String name, String bridge, boolean newBridge) {
    }

    SavedVlanPlanner(HostSnapshot s, HostReader host, SavedScope scope) {
        this.s = s;
        this.host = host;
        this.scope = scope;
    }

    List<Operation> make(NewVlan v) {
        for (String link : v.newBridge() ? List.of(v.name(), v.bridge()) : List.of(v.name())) {
            s.saved().owner(link).ifPresent(l -> {
                throw new ChangeRefused(link + " is saved already (" + l.owner() + ", " + l.source() + "), though it "
                        + "does not run: bring it up with its manager, or remove it there first");
            });
        }
        return switch (scope.manager()) {
            case NETWORK_MANAGER -> networkManager(v);
            case NETWORKD -> networkd(v);
            case IFUPDOWN -> ifupdown(v);
            case NETPLAN -> netplan(v);
            case NONE -> throw new IllegalStateException("no manager saves " + v.name());
        };
    }

    /** The bridge's profile, then the VLAN's as its port ({@code vlan.parent}, {@code vlan.id}); both activated. */
    private List<Operation> networkManager(NewVlan v) {
        ConfigFile bridge = NmPlanner.bridgeKeyfile(v.bridge(), BRIDGE, Optional.empty(), List.of());
        String name = "vlan-" + v.name();
        ConfigFile vlan = ConfigFile.privateToRoot(NmPlanner.KEYFILES + name + ".nmconnection", String.join("\n",
                "[connection]", "id=" + name, "uuid=" + NmPlanner.uuidFor(name), "type=vlan",
                "interface-name=" + v.name(), "master=" + v.bridge(), "slave-type=bridge", "", "[vlan]",
                "id=" + v.id(), "parent=" + v.trunk(), ""));
        SavedFiles.absent(host, vlan.path());
        boolean live = scope.scope().live();
        List<Operation> ops = new ArrayList<>();
        if (v.newBridge()) {
            SavedFiles.absent(host, bridge.path());
            ops.add(new NmProfileOp(v.bridge(), NmPlanner.uuidFor(v.bridge()), v.bridge(), Optional.empty(),
                    Optional.of(bridge), live, live, Optional.empty(), Optional.empty(), false));
        }
        ops.add(new NmProfileOp(name, NmPlanner.uuidFor(name), v.name(), Optional.empty(), Optional.of(vlan), live,
                live, Optional.of(v.bridge()), Optional.empty(), false));
        return ops;
    }

    /**
     * {@code VLAN=TRUNK.ID} in the trunk's {@code .network}: the file edited where it is in /etc, else a copy under
     * the same name in /etc, which networkd reads in its place (as an MTU is saved); a file that matches other links
     * too is refused (they would all get the VLAN).
     */
    private List<Operation> networkd(NewVlan v) {
        String name = LinkOwner.NETWORKD.json();
        SavedLink trunk = s.saved().owner(v.trunk()).filter(o -> o.owner() == LinkOwner.NETWORKD
                && o.file().endsWith(".network")).orElseThrow(() -> new ChangeRefused(v.trunk() + " is configured "
                + "by no systemd-networkd .network file" + s.saved().owner(v.trunk()).map(o -> " (it is saved as "
                + o.source() + ")").orElse("") + ": networkd makes a VLAN only on a link it configures (VLAN= in "
                + "that link's .network); use --scope live (gone after reboot)"));
        NetworkdUplinkFile theirs = NetworkdUplinkFile.parse(SavedFiles.existing(host, trunk.file()));
        if (!theirs.matchesOnly(v.trunk())) {
            throw new ChangeRefused(v.trunk() + " is configured by " + trunk.file() + ", which matches other links "
                    + "too (or matches by more than its name): VLAN= there would put " + v.name() + " on them as "
                    + "well; add VLAN=" + v.name() + " to its [Network] by hand, or give " + v.trunk() + " a .network "
                    + "of its own, or use --scope live (gone after reboot)");
        }
        String text = theirs.withAdded("Network", "VLAN", v.name());
        if (text.equals(theirs.file().text())) {
            // networkd makes a stacked link when it configures the trunk, which a reload does only for a changed file
            throw new ChangeRefused(trunk.file() + " names " + v.name() + " already (VLAN=" + v.name() + "), which "
                    + "does not run: networkd makes it when it configures " + v.trunk() + " again (networkctl "
                    + "reconfigure " + v.trunk() + ", which applies its addresses again); remove that line to have "
                    + "Virtwire save the VLAN, or use --scope live (gone after reboot)");
        }
        List<Operation> ops = new ArrayList<>(List.of(
                written(v.name(), NetworkdPlanner.unit("60-virtwire-" + v.name() + ".netdev", List.of("[NetDev]",
                        "Name=" + v.name(), "Kind=vlan", "", "[VLAN]", "Id=" + v.id()))),
                written(v.name(), NetworkdPlanner.unit("60-virtwire-" + v.name() + ".network", List.of("[Match]",
                        "Name=" + v.name(), "", "[Network]", "Bridge=" + v.bridge(), "LinkLocalAddressing=no")))));
        if (v.newBridge()) {
            ops.add(written(v.bridge(), NetworkdPlanner.netdev(v.bridge(), BRIDGE)));
            ops.add(written(v.bridge(), NetworkdPlanner.network(v.bridge())));
        }
        if (trunk.file().startsWith(NetworkdPlanner.UNITS)) {
            ops.add(new ManagerFileOp(name, v.trunk(), Optional.of(theirs.file()),
                    Optional.of(theirs.file().withText(text))));
        } else {
            ConfigFile copy = new ConfigFile(NetworkdPlanner.UNITS + trunk.file().substring(trunk.file()
                    .lastIndexOf('/') + 1), text, "644", "root", "root");
            SavedFiles.absent(host, copy.path());
            ops.add(new ManagerFileOp(name, v.trunk(), Optional.empty(), Optional.of(copy)));
        }
        if (scope.scope().live()) {
            ops.add(new NetworkdLinksOp(v.newBridge() ? List.of(v.name(), v.bridge()) : List.of(v.name()),
                    v.trunk(), true));
        }
        return ops;
    }

    /** A new file of Virtwire's own for networkd, where no file is yet. */
    private ManagerFileOp written(String link, ConfigFile file) {
        SavedFiles.absent(host, file.path());
        return new ManagerFileOp(LinkOwner.NETWORKD.json(), link, Optional.empty(), Optional.of(file));
    }

    /**
     * Two stanzas of Virtwire's own, each in its marked block (the bridge's in a file of its own where the main file
     * sources a folder; the VLAN's name, with its dot, is no name such a folder's files may have): the VLAN ({@code
     * vlan-raw-device}: ifupdown 0.8 makes a TRUNK.ID link itself, ifupdown2 too; older ifupdown needs the vlan
     * package's hook), then the bridge with it in {@code bridge_ports}; live, {@code ifup} for each.
     */
    private List<Operation> ifupdown(NewVlan v) {
        String name = LinkOwner.IFUPDOWN.json();
        ConfigFile before = host.savedFile(IfupdownPlanner.MAIN).orElseThrow(() -> new ChangeRefused(
                IfupdownPlanner.MAIN + " is not there any more: ifupdown no longer configures this host's network; "
                        + "read the host again"));
        InterfacesFile main = InterfacesFile.parse(before);
        List<Operation> ownFiles = new ArrayList<>();
        ConfigFile after = before;
        List<NewStanza> stanzas = new ArrayList<>(List.of(new NewStanza(v.name(), List.of("auto " + v.name(),
                "iface " + v.name() + " inet manual", "    vlan-raw-device " + v.trunk()))));
        if (v.newBridge()) {
            stanzas.add(new NewStanza(v.bridge(), List.of("auto " + v.bridge(), "iface " + v.bridge() + " inet manual",
                    "    bridge_ports " + v.name(), "    bridge_stp " + (BRIDGE.stp() ? "on" : "off"),
                    "    bridge_fd " + BRIDGE.forwardDelayOrDefault() / 100)));
        }
        for (NewStanza stanza : stanzas) {
            Optional<ConfigFile> own = main.sourcedFolder().flatMap(d -> InterfacesFile.ownFile(d, stanza.link(),
                    stanza.lines()));
            if (own.isPresent()) {
                SavedFiles.absent(host, own.get().path());
                ownFiles.add(new ManagerFileOp(name, stanza.link(), Optional.empty(), own));
            } else {
                after = InterfacesFile.parse(after).withBlock(stanza.link(), stanza.lines());
            }
        }
        Optional<ManagerFileOp> ports = Optional.empty();
        if (!v.newBridge()) {
            // the bridge's own stanza lists the VLAN in its bridge_ports (in the main file: in the same step)
            String path = s.saved().owner(v.bridge()).orElseThrow().file();
            ConfigFile theirs = path.equals(IfupdownPlanner.MAIN) ? after : SavedFiles.existing(host, path);
            ConfigFile listed = InterfacesFile.parse(theirs).withBridgePorts(v.bridge(), l -> plus(l, v.name()));
            if (path.equals(IfupdownPlanner.MAIN)) {
                after = listed;
            } else {
                ports = Optional.of(new ManagerFileOp(name, v.bridge(), Optional.of(theirs), Optional.of(listed)));
            }
        }
        List<Operation> ops = new ArrayList<>();
        if (!after.equals(before)) {
            ops.add(new ManagerFileOp(name, v.name(), Optional.of(before), Optional.of(after)));
        }
        ops.addAll(ownFiles);
        ports.ifPresent(ops::add);
        if (scope.scope().live()) {
            ops.add(new ManagerLinkOp(v.name(), true, LinkOwner.IFUPDOWN));
            // ifupdown adds a port only when it brings the bridge up: a bridge that runs gets it from the kernel
            ops.add(v.newBridge() ? new ManagerLinkOp(v.bridge(), true, LinkOwner.IFUPDOWN)
                    : new LinkMasterOp(v.name(), Optional.of(v.bridge()), Optional.empty(), false));
        }
        return ops;
    }

    private static List<String> plus(List<String> ports, String port) {
        List<String> out = new ArrayList<>(ports);
        out.add(port);
        return out;
    }

    private record NewStanza(String link, List<String> lines) {
    }

    /**
     * {@code 89-virtwire-vlan-TRUNK.ID.yaml} ({@code vlans:}, {@code id}, {@code link}), then the bridge's own file
     * ({@code interfaces: [TRUNK.ID]}), each rendered with {@code netplan generate}; live, networkd makes the VLAN
     * (it reconfigures the trunk, whose rendered file now names it), then the bridge. The trunk must be defined under
     * its own name in a file netplan reads before the VLAN's.
     */
    private List<Operation> netplan(NewVlan v) {
        NetplanFiles yaml = NetplanFiles.read(s, host);
        if (scope.scope().live() && !yaml.rendersForNetworkd()) {
            throw new ChangeRefused("netplan renders this host's network for " + yaml.renderer() + ": Virtwire saves "
                    + "a VLAN there only from the next boot (--scope saved), or live only (--scope live)");
        }
        String vlanPath = NetplanPlanner.DIR + "89-virtwire-vlan-" + v.name() + ".yaml";
        String vlanFile = vlanPath.substring(NetplanPlanner.DIR.length());
        List<NetplanFiles.Definition> trunk = yaml.definitions(v.trunk());
        if (trunk.isEmpty()) {
            throw new ChangeRefused(v.trunk() + " is not defined under its own name in netplan's YAML: netplan makes "
                    + "a VLAN only on a link its files define (link: " + v.trunk() + "); use --scope live (gone "
                    + "after reboot)");
        }
        String first = trunk.get(0).path().substring(trunk.get(0).path().lastIndexOf('/') + 1);
        if (first.compareTo(vlanFile) > 0) {
            throw new ChangeRefused(v.trunk() + " is defined in " + trunk.get(0).at() + ", which netplan reads after "
                    + vlanPath + ": netplan would not find the VLAN's link there; define " + v.name() + " in that "
                    + "file by hand, or use --scope live (gone after reboot)");
        }
        ConfigFile vlan = NetplanPlanner.own(vlanPath, "  vlans:\n    " + v.name() + ":\n      id: " + v.id()
                + "\n      link: " + v.trunk() + "\n      link-local: []\n");
        ConfigFile bridge = NetplanPlanner.own(NetplanPlanner.bridgeFile(v.bridge()), "  bridges:\n    "
                + v.bridge() + ":\n      interfaces: [" + v.name() + "]\n      link-local: []\n      parameters:\n"
                + "        stp: " + BRIDGE.stp() + "\n        forward-delay: " + BRIDGE.forwardDelayOrDefault() / 100
                + "\n");
        SavedFiles.absent(host, vlan.path());
        NetplanFileOp.Live make = scope.scope().live() ? NetplanFileOp.Live.MAKE : NetplanFileOp.Live.RENDER_ONLY;
        List<Operation> ops = new ArrayList<>(List.of(new NetplanFileOp(v.name(), Optional.empty(), Optional.of(vlan),
                make)));
        if (v.newBridge()) {
            SavedFiles.absent(host, bridge.path());
            ops.add(new NetplanFileOp(v.bridge(), Optional.empty(), Optional.of(bridge), make));
            return ops;
        }
        // a port of a bridge netplan makes, as a port is saved there: a later file adds it to the bridge's interfaces
        ConfigFile port = NetplanPlanner.own(NetplanPlanner.DIR + "91-virtwire-port-" + v.name() + ".yaml",
                "  bridges:\n    " + v.bridge() + ":\n      interfaces: [" + v.name() + "]\n");
        SavedFiles.absent(host, port.path());
        ops.add(new NetplanFileOp(v.name(), Optional.empty(), Optional.of(port), NetplanFileOp.Live.RENDER_ONLY));
        if (scope.scope().live()) {
            ops.add(new LinkMasterOp(v.name(), Optional.of(v.bridge()), Optional.empty(), false));
        }
        return ops;
    }
}
