package dev.virtwire.diagnose.rules;

import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.LinkOwner;
import dev.virtwire.model.ManagerFound;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The commands that save a running link, as it runs now, through the host's network configuration manager: the
 * steps of {@code not-saved} and {@code manager-conflict}, beside their one-click fix where there is one (a bridge
 * made by hand, a port moved by hand), else instead of it. Written for the manager that owns the neighbouring links,
 * else the one that runs, so a sysadmin can paste them.
 */
final class SavingSteps {
    /** Said under a list of steps that has no Fix button: what Virtwire does save in one click, and what not. */
    static final String NO_FIX_YET = "no one-click fix for this case (Virtwire saves a bridge made by hand, and a port "
            + "moved by hand into a bridge, through NetworkManager, systemd-networkd, ifupdown or netplan): run the steps above";

    private SavingSteps() {
    }

    /**
     * Whether the port is one netplan's YAML lists in a bridge already: saving it in another bridge through netplan
     * cannot take it out there (netplan appends a later file's ports, it never removes one), so it has no fix.
     */
    static boolean netplanListsInABridge(HostSnapshot s, LinkOwner manager, String port) {
        return manager == LinkOwner.NETPLAN && s.saved().owner(port).filter(l -> l.owner() == LinkOwner.NETPLAN)
                .flatMap(dev.virtwire.model.SavedLink::master).isPresent();
    }

    /** The manager to save with: the one owning any of these links, else the first that runs, else the first found. */
    static Optional<LinkOwner> managerFor(HostSnapshot s, List<String> neighbours) {
        Optional<LinkOwner> owning = neighbours.stream().flatMap(n -> s.saved().owner(n).stream())
                .map(l -> l.owner()).filter(o -> o != LinkOwner.NONE).findFirst();
        List<ManagerFound> found = s.saved().managers();
        return owning.or(() -> found.stream().filter(ManagerFound::running).map(ManagerFound::manager).findFirst())
                .or(() -> found.stream().map(ManagerFound::manager).findFirst());
    }

    /** Steps that make the manager create this link at boot as it runs now (with its ports, for a bridge). */
    static List<String> create(HostSnapshot s, Link link, Optional<LinkOwner> manager) {
        List<Link> ports = s.links().stream().filter(p -> p.master().filter(link.name()::equals).isPresent())
                .filter(p -> p.kind() == LinkKind.PHYSICAL || p.kind() == LinkKind.VLAN || p.kind() == LinkKind.BOND)
                .toList();
        if (manager.isEmpty()) {
            return List.of("no network configuration manager was found on this host: save " + link.name()
                    + " (" + link.kind().json() + ") where the distribution keeps its network configuration");
        }
        List<String> out = new ArrayList<>();
        switch (manager.get()) {
            case NETWORK_MANAGER -> {
                out.add("nmcli connection add " + nmType(link) + " ifname " + link.name() + " con-name "
                        + link.name() + nmVlan(link) + nmAddresses(link.addresses()));
                ports.forEach(p -> out.add("nmcli connection add " + nmType(p) + " ifname " + p.name() + " con-name "
                        + link.name() + "-port-" + p.name() + nmVlan(p) + " master " + link.name() + " slave-type "
                        + link.kind().json()));
                out.add("nmcli connection up " + link.name());
            }
            case NETWORKD, NETPLAN -> {
                if (manager.get() == LinkOwner.NETPLAN) {
                    out.add("in /etc/netplan/60-virtwire.yaml, under network: " + netplanKey(link) + ": " + link.name()
                            + ": {" + netplanBody(link, ports) + "}, then: netplan generate && netplan apply");
                    break;
                }
                String base = "/etc/systemd/network/60-" + link.name();
                out.add("write " + base + ".netdev: [NetDev] Name=" + link.name() + " Kind=" + link.kind().json()
                        + link.vlanId().stream().mapToObj(id -> " [VLAN] Id=" + id).findFirst().orElse(""));
                out.add("write " + base + ".network: [Match] Name=" + link.name() + " [Network]"
                        + (link.addresses().isEmpty() ? " LinkLocalAddressing=no" : "")
                        + link.addresses().stream().map(a -> " Address=" + a).reduce("", String::concat));
                ports.forEach(p -> out.add("write /etc/systemd/network/60-" + p.name() + ".network: [Match] Name="
                        + p.name() + " [Network] Bridge=" + link.name()));
                link.parent().filter(p -> link.kind() == LinkKind.VLAN).ifPresent(p -> out.add("add VLAN="
                        + link.name() + " under [Network] of " + p + "'s .network file"));
                out.add("networkctl reload");
            }
            case IFUPDOWN -> {
                out.add("add to /etc/network/interfaces: auto " + link.name() + " / iface " + link.name() + " inet "
                        + (link.addresses().isEmpty() ? "manual" : "static / address " + link.addresses().get(0))
                        + (link.kind() == LinkKind.BRIDGE ? " / bridge_ports " + (ports.isEmpty() ? "none"
                        : String.join(" ", ports.stream().map(Link::name).toList())) : "")
                        + link.parent().filter(p -> link.kind() == LinkKind.VLAN).map(p -> " / vlan-raw-device " + p)
                        .orElse(""));
                out.add("ifup " + link.name() + " (it exists already: ifupdown only records it as up)");
            }
            case NONE -> {
            }
        }
        out.add(NO_FIX_YET);
        return out;
    }

    /** Steps that save a link's running master or addresses in the profile or file that owns it. */
    static List<String> update(Link link, LinkOwner manager, String profile, List<String> drift) {
        List<String> out = new ArrayList<>();
        String master = link.master().orElse("");
        switch (manager) {
            case NETWORK_MANAGER -> {
                if (drift.stream().anyMatch(d -> d.startsWith("master:"))) {
                    out.add("nmcli connection modify '" + profile + "' " + (master.isEmpty()
                            ? "master '' slave-type ''" : "master " + master + " slave-type bridge"));
                }
                if (drift.stream().anyMatch(d -> d.startsWith("addresses:"))) {
                    out.add("nmcli connection modify '" + profile + "' ipv4.method manual ipv4.addresses "
                            + String.join(",", link.addresses()));
                }
                out.add("nmcli connection up '" + profile + "'");
            }
            case NETWORKD -> {
                out.add("in " + profile + " set " + (master.isEmpty() ? "" : "Bridge=" + master + " ")
                        + link.addresses().stream().map(a -> "Address=" + a + " ").reduce("", String::concat)
                        + "under [Network], then: networkctl reload");
            }
            case IFUPDOWN -> out.add("in the stanza at " + profile + ": " + (master.isEmpty() ? ""
                    : "name " + link.name() + " in " + master + "'s bridge_ports; ") + link.addresses().stream()
                    .map(a -> "address " + a + "; ").reduce("", String::concat) + "the next boot applies it");
            case NETPLAN -> out.add("in " + profile + ": " + (master.isEmpty() ? "" : "list " + link.name()
                    + " under " + master + "'s interfaces; ") + "addresses: [" + String.join(", ", link.addresses())
                    + "], then: netplan generate && netplan apply");
            case NONE -> {
            }
        }
        out.add(NO_FIX_YET);
        return out;
    }

    private static String nmType(Link link) {
        return "type " + switch (link.kind()) {
            case BRIDGE, VLAN, BOND, DUMMY -> link.kind().json();
            default -> "ethernet";
        };
    }

    private static String nmVlan(Link link) {
        return link.kind() == LinkKind.VLAN && link.parent().isPresent() && link.vlanId().isPresent()
                ? " dev " + link.parent().get() + " id " + link.vlanId().getAsInt() : "";
    }

    private static String nmAddresses(List<String> addresses) {
        return addresses.isEmpty() ? " ipv4.method disabled ipv6.method disabled"
                : " ipv4.method manual ipv4.addresses " + String.join(",", addresses);
    }

    private static String netplanKey(Link link) {
        return switch (link.kind()) {
            case BRIDGE -> "bridges";
            case VLAN -> "vlans";
            case BOND -> "bonds";
            default -> "ethernets";
        };
    }

    private static String netplanBody(Link link, List<Link> ports) {
        List<String> parts = new ArrayList<>();
        if (link.kind() == LinkKind.BRIDGE) {
            parts.add("interfaces: [" + String.join(", ", ports.stream().map(Link::name).toList()) + "]");
        }
        link.parent().filter(p -> link.kind() == LinkKind.VLAN).ifPresent(p -> parts.add("link: " + p));
        link.vlanId().ifPresent(id -> parts.add("id: " + id));
        parts.add("addresses: [" + String.join(", ", link.addresses()) + "]");
        return String.join(", ", parts);
    }
}
