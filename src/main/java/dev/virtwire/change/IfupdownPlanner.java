package dev.virtwire.change;

import dev.virtwire.change.op.IfupdownSwapOp;
import dev.virtwire.change.op.LinkMasterOp;
import dev.virtwire.change.op.LinkMtuOp;
import dev.virtwire.change.op.ManagerFileOp;
import dev.virtwire.change.op.ManagerLinkOp;
import dev.virtwire.change.op.Operation;
import dev.virtwire.change.op.UplinkWatchdogOp;
import dev.virtwire.host.HostReader;
import dev.virtwire.model.BridgeSettings;
import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.ConfigFileChange;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkOwner;
import dev.virtwire.model.SavedLink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Bridges through ifupdown: a stanza of Virtwire's own, in a file of its own where /etc/network/interfaces sources
 * a folder of them (interfaces.d), else in a marked block at the end of that file, every other line kept as it is;
 * then {@code ifup NAME} (or, saved only, nothing until the next boot). Deleting takes down and removes only a
 * bridge Virtwire's own stanza makes; undo writes back the files as they were, byte for byte. Bridging the uplink
 * moves its stanza to the bridge under Virtwire's watchdog; a port changes the bridge's {@code bridge_ports} line.
 */
final class IfupdownPlanner {
    static final String MAIN = "/etc/network/interfaces";
    private static final String NAME = LinkOwner.IFUPDOWN.json();
    private final HostSnapshot s;
    private final HostReader host;
    private final SavedScope scope;

    IfupdownPlanner(HostSnapshot s, HostReader host, SavedScope scope) {
        this.s = s;
        this.host = host;
        this.scope = scope;
    }

    Plan createBridge(LinkIntent.CreateBridge i, BridgeSettings settings) {
        List<Operation> ops = new ArrayList<>(bridgeStanza(i.name(), settings, List.of(), Optional.empty()));
        if (scope.scope().live()) {
            ops.add(new ManagerLinkOp(i.name(), true, LinkOwner.IFUPDOWN));
        }
        return plan(i, ops);
    }

    /**
     * A bridge made by hand saved as it runs, with its ports in {@code bridge_ports}; a port another stanza lists
     * in its {@code bridge_ports} is taken out there (the kernel has it in this bridge now). Saved only.
     */
    Plan saveBridge(LinkIntent.CreateBridge i, BridgeSettings settings, List<String> ports) {
        Map<String, ConfigFile> before = new LinkedHashMap<>();
        Map<String, ConfigFile> after = new LinkedHashMap<>();
        for (String port : ports) {
            Optional<String> other = s.saved().owner(port).filter(l -> l.owner() == LinkOwner.IFUPDOWN)
                    .flatMap(SavedLink::master).filter(m -> !m.equals(i.name()));
            if (other.isEmpty()) {
                continue;
            }
            String path = s.saved().owner(other.get()).filter(l -> l.owner() == LinkOwner.IFUPDOWN)
                    .orElseThrow(() -> new ChangeRefused(port + " is saved as a port of " + other.get() + ", which "
                            + "no ifupdown stanza makes: take " + port + " out of " + other.get() + " there first"))
                    .file();
            ConfigFile found = after.containsKey(path) ? after.get(path) : SavedFiles.existing(host, path);
            before.putIfAbsent(path, found);
            after.put(path, InterfacesFile.parse(found).withBridgePorts(other.get(), l -> l.stream()
                    .filter(p -> !p.equals(port)).toList()));
        }
        List<Operation> ops = new ArrayList<>();
        Optional<ConfigFile> main = Optional.ofNullable(after.remove(MAIN));
        after.forEach((path, file) -> ops.add(new ManagerFileOp(NAME, i.name(), Optional.of(before.get(path)),
                Optional.of(file))));
        ops.addAll(bridgeStanza(i.name(), settings, ports, main.map(m -> new ManagerFileOp(NAME, i.name(),
                Optional.of(before.get(MAIN)), Optional.of(m)))));
        return plan(i, ops);
    }

    /**
     * The bridge's stanza in a file of Virtwire's own (where the main file sources a folder), else in a block at
     * the end of the main file ({@code mainEdit}: an edit of it that comes first, in the same step).
     */
    private List<Operation> bridgeStanza(String name, BridgeSettings settings, List<String> ports,
                                         Optional<ManagerFileOp> mainEdit) {
        s.saved().links().stream().filter(l -> l.name().equals(name)).findFirst().ifPresent(l -> {
            throw new ChangeRefused(name + " is saved already (" + l.owner() + ", " + l.source() + "): bring it "
                    + "up with its manager, or remove it there first");
        });
        InterfacesFile main = InterfacesFile.parse(mainEdit.flatMap(ManagerFileOp::after)
                .orElseGet(() -> main().file()));
        List<String> stanza = List.of("auto " + name, "iface " + name + " inet manual",
                "    bridge_ports " + (ports.isEmpty() ? "none" : String.join(" ", ports)),
                "    bridge_stp " + (settings.stp() ? "on" : "off"),
                "    bridge_fd " + settings.forwardDelayOrDefault() / 100);
        Optional<ConfigFile> own = main.sourcedFolder().flatMap(d -> InterfacesFile.ownFile(d, name, stanza));
        List<Operation> ops = new ArrayList<>();
        if (own.isPresent()) {
            SavedFiles.absent(host, own.get().path());
            mainEdit.ifPresent(ops::add);
            ops.add(new ManagerFileOp(NAME, name, Optional.empty(), own));
        } else {
            Optional<ConfigFile> was = mainEdit.flatMap(ManagerFileOp::before).or(() -> Optional.of(main.file()));
            ops.add(new ManagerFileOp(NAME, name, was, Optional.of(main.withBlock(name, stanza))));
        }
        return ops;
    }

    /** The bridge taken down and deleted (ifdown), then Virtwire's stanza removed (kept byte for byte for undo). */
    Plan deleteBridge(LinkIntent.DeleteBridge i, Link bridge) {
        InterfacesFile main = main();
        Optional<ConfigFile> own = main.sourcedFolder()
                .flatMap(d -> InterfacesFile.ownFile(d, bridge.name(), List.of()))
                .flatMap(f -> host.savedFile(f.path()));
        Optional<Operation> removed = own.<Operation>map(f -> new ManagerFileOp(NAME, bridge.name(), own, Optional.empty()))
                .or(() -> main.hasBlock(bridge.name()) ? Optional.of(new ManagerFileOp(NAME, bridge.name(),
                        Optional.of(main.file()), Optional.of(main.withoutBlock(bridge.name())))) : Optional.empty());
        if (removed.isEmpty()) {
            throw new ChangeRefused(bridge.name() + " is made by " + scope.profile().map(SavedLink::source)
                    .orElse("an ifupdown stanza") + ", not by a stanza of Virtwire's own: remove it there (after "
                    + "ifdown " + bridge.name() + ")");
        }
        List<Operation> ops = new ArrayList<>();
        if (scope.scope().live()) {
            ops.add(new ManagerLinkOp(bridge.name(), false, LinkOwner.IFUPDOWN));
        }
        ops.add(removed.get());
        return plan(i, ops);
    }

    /**
     * The uplink's stanza moved to a new bridge with the uplink as its port (live: under Virtwire's watchdog, in one
     * command on the host; saved only: the file, from the next boot).
     */
    Plan bridgeUplink(LinkIntent.BridgeUplink i, Link nic, String bridge) {
        String path = scope.profile().map(SavedLink::file).orElseThrow(() -> new ChangeRefused(nic.name()
                + " has no ifupdown stanza to move to " + bridge));
        InterfacesFile file = InterfacesFile.parse(SavedFiles.existing(host, path));
        ConfigFile after = file.withUplinkBridged(nic.name(), bridge);
        String title = i.describe() + " through ifupdown";
        if (!scope.scope().live()) {
            return new Plan(i, title + ", saved only (from the next boot)", List.of(new ManagerFileOp(NAME,
                    nic.name(), Optional.of(file.file()), Optional.of(after))));
        }
        return new Plan(i, title + " (confirm within " + i.confirmWithinSeconds() + " s)", List.of(
                UplinkWatchdogOp.bridging(UUID.randomUUID().toString(), i.confirmWithinSeconds(), LinkOwner.IFUPDOWN,
                        List.of(ConfigFileChange.rewritten(file.file(), after)), bridge, nic.name()),
                new IfupdownSwapOp(nic.name(), bridge, true, file.file(), after)));
    }

    /**
     * A link put into (or taken out of) a bridge ifupdown makes: the bridge stanza's {@code bridge_ports} line
     * changed, then {@code ip link set} for what runs (ifupdown applies ports only on ifup, which would take the
     * bridge down). A port with addresses of its own in its stanza is the uplink's case: refused, named.
     */
    Plan setPort(LinkIntent.SetLinkMaster i, Link link, boolean risky) {
        String bridge = i.master().or(link::master).orElseThrow();
        SavedLink stanza = s.saved().owner(bridge).filter(l -> l.owner() == LinkOwner.IFUPDOWN)
                .orElseThrow(() -> new ChangeRefused(bridge + " is made by no ifupdown stanza: add " + link.name()
                        + " where " + bridge + " is saved"));
        s.saved().owner(link.name()).filter(l -> l.owner() == LinkOwner.IFUPDOWN && l.addresses()
                .filter(a -> a.dhcp() || !a.fixed().isEmpty()).isPresent()).ifPresent(l -> {
                    throw new ChangeRefused(link.name() + " has addresses in its own stanza (" + l.source() + "): "
                            + "bridge it as the uplink (its addresses move to the bridge), not as a plain port");
                });
        String path = stanza.file();
        InterfacesFile file = InterfacesFile.parse(SavedFiles.existing(host, path));
        ConfigFile after = file.withBridgePorts(bridge, ports -> {
            List<String> out = new ArrayList<>(ports);
            out.remove(link.name());
            if (i.master().isPresent()) {
                out.add(link.name());
            }
            return out;
        });
        List<Operation> ops = new ArrayList<>(List.of(new ManagerFileOp(NAME, bridge, Optional.of(file.file()),
                Optional.of(after))));
        if (scope.scope().live()) {
            ops.add(new LinkMasterOp(link.name(), i.master(), link.master(), risky));
        }
        return plan(i, ops);
    }

    /**
     * {@code mtu N} in the link's own stanza (its line changed where it has one), every other line as it is; then
     * {@code ip link set} for what runs (ifupdown sets the MTU only on ifup, which would take the link down).
     */
    Plan setMtu(LinkIntent.SetLinkMtu i, Optional<LinkMtuOp> live) {
        SavedLink stanza = scope.profile().orElseThrow();
        InterfacesFile file = InterfacesFile.parse(SavedFiles.existing(host, stanza.file()));
        if (file.stanza(i.link()).isEmpty()) {
            throw new ChangeRefused(i.link() + " has no iface stanza of its own in " + stanza.file() + " (it is "
                    + "saved as " + stanza.source() + "): add one with mtu " + i.mtu() + " by hand");
        }
        List<Operation> ops = new ArrayList<>(List.of(new ManagerFileOp(NAME, i.link(), Optional.of(file.file()),
                Optional.of(file.withOption(i.link(), "mtu", Integer.toString(i.mtu()))))));
        live.ifPresent(ops::add);
        return plan(i, ops);
    }

    private InterfacesFile main() {
        return InterfacesFile.parse(host.savedFile(MAIN).orElseThrow(() -> new ChangeRefused(MAIN + " is not there "
                + "any more: ifupdown no longer configures this host's network; read the host again")));
    }

    private Plan plan(Intent i, List<Operation> ops) {
        return new Plan(i, i.describe() + " through ifupdown" + (scope.scope().live() ? ""
                : ", saved only (from the next boot)"), ops);
    }
}
