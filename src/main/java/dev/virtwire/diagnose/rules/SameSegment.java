package dev.virtwire.diagnose.rules;

import dev.virtwire.diagnose.GuestPath;
import dev.virtwire.diagnose.GuestPath.Wiring;
import dev.virtwire.diagnose.ProbeRun;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.model.Guest;
import dev.virtwire.model.Ipv4;
import dev.virtwire.model.Link;
import dev.virtwire.model.NetworkMode;
import dev.virtwire.model.Uplinks;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which Linux bridge reaches the same LAN segment as a host NIC (a macvtap's parent), proven from what the
 * host can see: the bridge holds an address in the NIC's subnet; a guest on the bridge uses an address in
 * that subnet; or (with probes) the bridge's forwarding table has learnt, on one of its ports, the MAC that
 * answers for the NIC's gateway there. A bridge that only might reach it is not offered.
 */
final class SameSegment {
    private static final Pattern REPLY_MAC = Pattern.compile("\\[([0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5})\\]");

    /** A bridge and the facts that prove it sits on the segment. */
    record Proof(String bridge, List<String> evidence) {
    }

    private SameSegment() {
    }

    static Optional<Proof> bridgeFor(Situation s, String parent) {
        List<Ipv4> subnets = s.link(parent).stream().flatMap(l -> l.addresses().stream())
                .flatMap(a -> Ipv4.tryParse(a).stream()).filter(a -> a.prefix() < 32).toList();
        List<Link> bridges = Uplinks.of(s.snapshot()).lanBridges().stream()
                .filter(b -> s.snapshot().networkOnBridge(b.name()).filter(n -> n.mode() != NetworkMode.BRIDGE)
                        .isEmpty())
                .toList();
        for (Link bridge : bridges) {
            Optional<Proof> proof = bySubnet(s, bridge, parent, subnets).or(() -> byGuest(s, bridge, parent, subnets))
                    .or(() -> byForwardingTable(s, bridge, parent));
            if (proof.isPresent()) {
                return proof;
            }
        }
        return Optional.empty();
    }

    private static Optional<Proof> bySubnet(Situation s, Link bridge, String parent, List<Ipv4> subnets) {
        for (String address : bridge.addresses()) {
            Optional<Ipv4> ip = Ipv4.tryParse(address);
            for (Ipv4 subnet : subnets) {
                if (ip.filter(subnet::contains).isPresent()) {
                    return Optional.of(new Proof(bridge.name(), List.of("ip addr show " + bridge.name() + ": "
                            + address + ", in " + parent + "'s subnet " + subnet.network())));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A guest NIC on the bridge with an address in the subnet: of a guest read, or of a running guest as the host's
     * ARP cache shows it behind a tap of the bridge (a read of one guest leaves the others unread). Named by its MAC
     * and tap, which both reads know, and the lowest such address, so that both give the same proof.
     */
    private static Optional<Proof> byGuest(Situation s, Link bridge, String parent, List<Ipv4> subnets) {
        java.util.TreeMap<Long, String> found = new java.util.TreeMap<>();
        for (Guest guest : s.snapshot().guests()) {
            for (var nic : guest.nics()) {
                GuestPath path = GuestPath.of(s.snapshot(), guest, nic);
                if (path.wiring() != Wiring.BRIDGED || path.bridge().filter(bridge.name()::equals).isEmpty()) {
                    continue;
                }
                for (var address : nic.addresses()) {
                    inSubnet(address.ip(), subnets).ifPresent(ip -> found.putIfAbsent(ip.address(),
                            proofText(nic.mac(), nic.target(), bridge, ip, parent, subnets)));
                }
            }
        }
        for (var seen : s.runningGuestAddresses()) {
            if (seen.link().master().filter(bridge.name()::equals).isPresent()) {
                inSubnet(seen.ip(), subnets).ifPresent(ip -> found.putIfAbsent(ip.address(),
                        proofText(seen.mac(), Optional.of(seen.link().name()), bridge, ip, parent, subnets)));
            }
        }
        return found.isEmpty() ? Optional.empty()
                : Optional.of(new Proof(bridge.name(), List.of(found.firstEntry().getValue())));
    }

    private static Optional<Ipv4> inSubnet(String address, List<Ipv4> subnets) {
        return Ipv4.tryParse(address).filter(ip -> subnets.stream().anyMatch(n -> n.contains(ip)));
    }

    private static String proofText(String mac, Optional<String> tap, Link bridge, Ipv4 ip, String parent,
                                    List<Ipv4> subnets) {
        Ipv4 subnet = subnets.stream().filter(n -> n.contains(ip)).findFirst().orElseThrow();
        return "a guest NIC on " + bridge.name() + " (" + mac + tap.map(t -> ", tap " + t).orElse("") + ") uses "
                + ip.ip() + ", in " + parent + "'s subnet " + subnet.network();
    }

    /** The gateway's MAC as it answers on the parent, then where the bridge has learnt that MAC. */
    private static Optional<Proof> byForwardingTable(Situation s, Link bridge, String parent) {
        Optional<String> gateway = s.snapshot().routes().stream().filter(r -> r.device().filter(parent::equals)
                .isPresent()).flatMap(r -> r.gateway().stream()).findFirst();
        if (gateway.isEmpty()) {
            return Optional.empty();
        }
        Optional<ProbeRun> arping = s.probes().arping(parent, gateway.get());
        Optional<String> mac = arping.flatMap(a -> {
            Matcher m = REPLY_MAC.matcher(a.output());
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        });
        if (mac.isEmpty()) {
            return Optional.empty();
        }
        Optional<ProbeRun> fdb = s.probes().fdb(bridge.name());
        List<String> ports = fdb.map(f -> ImpostorPort.portsOf(f, mac.get(), bridge.name())).orElse(List.of());
        List<String> uplinkPorts = Uplinks.of(s.snapshot()).portsOf(bridge.name()).stream().map(Link::name).toList();
        Optional<String> port = ports.stream().filter(uplinkPorts::contains).findFirst();
        if (port.isEmpty()) {
            return Optional.empty();
        }
        List<String> evidence = new ArrayList<>();
        evidence.add("the gateway " + gateway.get() + " of " + parent + " answers with MAC " + mac.get()
                + ", and " + bridge.name() + " has learnt that MAC on its port " + port.get()
                + ": both reach the same LAN segment");
        evidence.addAll(arping.get().evidence());
        fdb.get().output().lines().filter(l -> l.toLowerCase(java.util.Locale.ROOT)
                .startsWith(mac.get().toLowerCase(java.util.Locale.ROOT))).findFirst()
                .ifPresent(l -> evidence.add("$ " + fdb.get().command() + ": " + l.trim()));
        return Optional.of(new Proof(bridge.name(), evidence));
    }
}
