package dev.virtwire.diagnose.fleet;

import dev.virtwire.diagnose.Severity;
import dev.virtwire.model.Id;
import dev.virtwire.model.Ipv4;
import dev.virtwire.model.Link;
import dev.virtwire.model.fleet.FleetHost;
import dev.virtwire.model.fleet.LanSegment;
import dev.virtwire.model.fleet.OnTheLan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The same address used on one LAN segment by two hosts, or by guests of different hosts bridged onto it (or a
 * guest and another host). Guests behind NAT are left out: the same private address behind two hosts is how
 * libvirt's default network is meant to be used.
 */
final class DuplicateIpAcrossHosts {
    private DuplicateIpAcrossHosts() {
    }

    private record User(String host, String who, Id.Node node) {
    }

    private record Key(LanSegment segment, String ip) {
    }

    static List<FleetFinding> of(List<FleetHost.Up> fleet) {
        Map<Key, List<User>> byAddress = new LinkedHashMap<>();
        for (FleetHost.Up host : fleet) {
            Optional<LanSegment> lan = LanSegment.of(host.snapshot()).map(LanSegment.Uplink::segment);
            if (lan.isEmpty()) {
                continue;
            }
            for (Link link : host.snapshot().links()) {
                link.addresses().stream().filter(lan.get()::holds).forEach(a -> byAddress.computeIfAbsent(
                        key(lan.get(), a), k -> new ArrayList<>()).add(new User(host.name(), "the host itself on "
                        + link.name(), new Id.Link(link.name()))));
            }
            for (OnTheLan.LanNic on : OnTheLan.of(host.snapshot()).nics()) {
                if (!on.guest().isRunning()) {
                    continue; // a stopped guest's lease or ARP entry says what it used, not what it uses
                }
                on.nic().addresses().stream().map(a -> a.ip()).filter(lan.get()::holds)
                        .forEach(a -> byAddress.computeIfAbsent(key(lan.get(), a), k -> new ArrayList<>())
                                .add(new User(host.name(), "guest " + on.guest().name() + " " + on.nic().mac(),
                                        new Id.Nic(on.guest().name(), on.nic().mac()))));
            }
        }
        List<FleetFinding> out = new ArrayList<>();
        byAddress.forEach((key, users) -> {
            if (users.stream().map(User::host).distinct().count() > 1) {
                out.add(finding(key, users));
            }
        });
        return out;
    }

    private static Key key(LanSegment segment, String address) {
        return new Key(segment, Ipv4.parse(address).ip());
    }

    private static FleetFinding finding(Key key, List<User> users) {
        String who = users.stream().map(u -> u.who() + " (" + u.host() + ")").collect(Collectors.joining(", "));
        return new FleetFinding(FleetCatalog.DUPLICATE_IP.id(), Severity.ERROR, "Address " + key.ip()
                + " is used on several hosts of the LAN " + key.segment().describe() + ": " + who,
                users.stream().map(u -> u.host() + ": " + u.who() + " uses " + key.ip()).toList(),
                users.stream().map(u -> new FleetFinding.Place(u.host(), u.node())).toList(),
                List.of("give all but one of them another address: a guest's static address is set inside the "
                        + "guest, a host's in its network configuration, a leased one by a reservation on the LAN's "
                        + "DHCP server; none is a change Virtwire makes, so this has no one-click fix"));
    }
}
