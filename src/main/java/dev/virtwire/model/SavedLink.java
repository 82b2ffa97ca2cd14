package dev.virtwire.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One link as a manager's saved configuration makes it: what it creates or configures at boot (or when the
 * profile is activated), and where that is written.
 *
 * @param source    where it is saved: a NetworkManager profile's name, or {@code FILE:LINE} of the stanza,
 *                  section or YAML key that configures it
 * @param atBoot    whether the manager brings it up by itself at boot (an ifupdown stanza without
 *                  {@code auto}, a NetworkManager profile without autoconnect is saved but not started)
 * @param active    whether the manager says it applies this configuration now
 * @param master    the bridge or bond it is saved as a port of
 * @param addresses its IPv4 addressing; empty when the configuration says something Virtwire does not compare
 * @param mtu       an explicit MTU; empty = the kernel's default
 * @param vlanId    the 802.1Q id of a saved VLAN link, with {@code parent} its lower link
 */
public record SavedLink(String name, LinkOwner owner, String source, boolean atBoot, boolean active,
                        Optional<String> master, Optional<SavedAddresses> addresses, OptionalInt mtu,
                        OptionalInt vlanId, Optional<String> parent) {

    /** Kinds whose MTU, when no configuration sets one, is the kernel's Ethernet default. */
    private static final Set<LinkKind> DEFAULT_MTU_KINDS = Set.of(LinkKind.PHYSICAL, LinkKind.BRIDGE, LinkKind.BOND,
            LinkKind.VETH, LinkKind.DUMMY);
    public static final int DEFAULT_MTU = 1500;

    public SavedLink {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(source, "source");
    }

    /** The file of a {@code FILE:LINE} source, without the line; a profile's name as it is. */
    public String file() {
        return source.replaceFirst(":\\d+$", "");
    }

    /** A saved link with no master, VLAN or MTU, configured with these addresses. */
    public static SavedLink of(String name, LinkOwner owner, String source, SavedAddresses addresses) {
        return new SavedLink(name, owner, source, true, false, Optional.empty(), Optional.of(addresses),
                OptionalInt.empty(), OptionalInt.empty(), Optional.empty());
    }

    public SavedLink withMaster(Optional<String> newMaster) {
        return new SavedLink(name, owner, source, atBoot, active, newMaster, addresses, mtu, vlanId, parent);
    }

    /** This link as a port of a bridge or bond: ports carry no addresses of their own. */
    public SavedLink asPortOf(String bridge) {
        return withMaster(Optional.of(bridge)).withAddresses(Optional.of(SavedAddresses.none()));
    }

    public SavedLink withAddresses(Optional<SavedAddresses> newAddresses) {
        return new SavedLink(name, owner, source, atBoot, active, master, newAddresses, mtu, vlanId, parent);
    }

    public SavedLink withMtu(OptionalInt newMtu) {
        return new SavedLink(name, owner, source, atBoot, active, master, addresses, newMtu, vlanId, parent);
    }

    public SavedLink withVlan(OptionalInt id, Optional<String> lower) {
        return new SavedLink(name, owner, source, atBoot, active, master, addresses, mtu, id, lower);
    }

    public SavedLink withActive(boolean now) {
        return new SavedLink(name, owner, source, atBoot, now, master, addresses, mtu, vlanId, parent);
    }

    public SavedLink withAtBoot(boolean boot) {
        return new SavedLink(name, owner, source, boot, active, master, addresses, mtu, vlanId, parent);
    }

    /**
     * How the running link differs from this saved one, one sentence per fact; empty when it matches. Compared:
     * the master (bridge or bond), the IPv4 addresses (every static one running, and no other unless DHCP is on),
     * the MTU (an explicit one, else 1500 for Ethernet-like links and bridges), the VLAN id and lower link.
     */
    public List<String> differencesFrom(Link running) {
        List<String> out = new ArrayList<>();
        if (!master.equals(running.master())) {
            out.add("master: running " + running.master().orElse("none") + ", saved " + master.orElse("none"));
        }
        addresses.ifPresent(saved -> {
            List<String> missing = saved.fixed().stream().filter(a -> !running.addresses().contains(a)).toList();
            if (!missing.isEmpty()) {
                out.add("addresses: saved " + String.join(", ", missing) + " not running");
            }
            List<String> extra = running.addresses().stream().filter(a -> !saved.fixed().contains(a)).toList();
            if (!saved.dhcp() && !extra.isEmpty()) {
                out.add("addresses: running " + String.join(", ", extra) + " not saved");
            }
        });
        OptionalInt expected = mtu.isPresent() || !DEFAULT_MTU_KINDS.contains(running.kind()) ? mtu
                : OptionalInt.of(DEFAULT_MTU);
        if (expected.isPresent() && running.mtu().isPresent() && expected.getAsInt() != running.mtu().getAsInt()) {
            out.add("mtu: running " + running.mtu().getAsInt() + ", saved " + expected.getAsInt());
        }
        if (vlanId.isPresent() && !vlanId.equals(running.vlanId())) {
            out.add("vlan id: running " + (running.vlanId().isPresent() ? running.vlanId().getAsInt() : "none")
                    + ", saved " + vlanId.getAsInt());
        }
        if (parent.isPresent() && !parent.equals(running.parent())) {
            out.add("vlan parent: running " + running.parent().orElse("none") + ", saved " + parent.get());
        }
        return out;
    }
}
