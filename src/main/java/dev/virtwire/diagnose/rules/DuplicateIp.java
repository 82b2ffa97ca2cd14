package dev.virtwire.diagnose.rules;

import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.ProbeRun;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.Id;
import dev.virtwire.model.Ipv4;
import dev.virtwire.model.Link;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Someone else answers for the guest's address: another guest, the host, or a device an ARP probe finds. */
public final class DuplicateIp implements Rule {

    @Override
    public Set<Catalog> makes() {
        return Set.of(Catalog.DUPLICATE_IP);
    }

    @Override
    public Optional<String> comparesEveryGuest() {
        return Optional.of("whether another guest uses the same address");
    }

    /**
     * The ARP cache pairs the addresses guests talk from with their MACs, and the networks' leases those they were
     * given; an agent is per guest.
     */
    @Override
    public Optional<String> comparesGuestsTheIndexLeavesOut() {
        return Optional.of("whether another guest uses the same address by its guest agent alone");
    }

    private static final Pattern REPLY_MAC = Pattern.compile("\\[([0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5})\\]");

    @Override
    public List<Finding> check(Situation s) {
        List<Finding> out = new ArrayList<>();
        for (Ipv4 address : s.guestAddresses()) {
            String ip = address.ip();
            for (Guest other : s.snapshot().guests()) {
                for (GuestNic nic : other.nics()) {
                    boolean self = other.name().equals(s.guestName()) && nic.mac().equals(s.nic().mac());
                    if (!self && other.isRunning() && has(nic, ip)) {
                        out.add(Finding.of(Catalog.DUPLICATE_IP, "Guest " + other.name() + " uses the same address "
                                        + ip + " as " + s.guestName())
                                .withEvidence(s.guestName() + " " + s.nic().mac() + ": " + ip,
                                        other.name() + " " + nic.mac() + ": " + ip)
                                .withNodes(s.nicNode(), new Id.Nic(other.name(), nic.mac()))
                                .withSteps("give one of them another address (or a DHCP reservation)"));
                    }
                }
            }
            for (Link link : s.snapshot().links()) {
                if (link.addresses().stream().flatMap(a -> Ipv4.tryParse(a).stream()).anyMatch(a -> a.ip().equals(ip))) {
                    out.add(Finding.of(Catalog.DUPLICATE_IP, "The host itself uses " + s.guestName() + "'s address " + ip
                                    + " on " + link.name())
                            .withEvidence(LinkFacts.describe(link))
                            .withNodes(s.nicNode(), new Id.Link(link.name()))
                            .withSteps("give the guest another address"));
                }
            }
            arpAnswers(s, ip).ifPresent(out::add);
        }
        return out;
    }

    /** The ARP probe of each of the guest's addresses, which waits up to seconds for every answer. */
    @Override
    public void probeAhead(Situation s) {
        arpingOn(s).ifPresent(link -> s.guestAddresses().forEach(a -> s.probes().ahead(p -> p.arping(link, a.ip()))));
    }

    /** Where an ARP probe for the guest's address is answered: its bridge, else its uplink; none when it is off. */
    private static Optional<String> arpingOn(Situation s) {
        return s.path().guest().isRunning() ? s.path().bridge().or(() -> s.path().uplinks().stream().findFirst())
                : Optional.empty();
    }

    private static Optional<Finding> arpAnswers(Situation s, String ip) {
        Optional<String> where = arpingOn(s);
        if (where.isEmpty()) {
            return Optional.empty();
        }
        Optional<ProbeRun> arping = s.probes().arping(where.get(), ip);
        if (arping.isEmpty()) {
            return Optional.empty();
        }
        if (!arping.get().ran()) {
            s.couldNotCheck("whether another device answers for " + s.guestName() + "'s address " + ip + " on "
                    + where.get() + " (arping): " + arping.get().why());
            return Optional.empty();
        }
        List<String> macs = new ArrayList<>();
        Matcher m = REPLY_MAC.matcher(arping.get().output());
        while (m.find()) {
            String mac = m.group(1).toLowerCase(Locale.ROOT);
            if (!macs.contains(mac)) {
                macs.add(mac);
            }
        }
        List<String> strangers = macs.stream().filter(mac -> !mac.equals(s.nic().mac())).toList();
        if (strangers.isEmpty()) {
            return Optional.empty();
        }
        Finding finding = Finding.of(Catalog.DUPLICATE_IP, String.join(", ", strangers) + " also answer"
                        + (strangers.size() == 1 ? "s" : "") + " for " + s.guestName() + "'s address " + ip)
                .withEvidence(arping.get().evidence())
                .withNodes(s.nicNode(), new Id.Link(where.get()))
                .withSteps("find the device with MAC " + strangers.get(0) + " (bridge fdb show br " + where.get()
                        + ") and change its address, or move the guest to another address");
        return Optional.of(impostorPort(s, strangers).map(p -> {
            Finding located = finding.withEvidence(p.fdb().evidence()).withNodes(new Id.Link(p.port()));
            return ImpostorPort.release(s, p.bridge(), p.port()).map(located::withFix).orElse(located);
        }).orElse(finding));
    }

    private record Located(String bridge, String port, ProbeRun fdb) {
    }

    /** The bridge port the one stranger's MAC was learnt on, when the guest sits on a bridge. */
    private static Optional<Located> impostorPort(Situation s, List<String> strangers) {
        Optional<String> bridge = s.path().bridge();
        if (strangers.size() != 1 || bridge.isEmpty()) {
            return Optional.empty();
        }
        return s.probes().fdb(bridge.get()).flatMap(fdb -> ImpostorPort.portsOf(fdb, strangers.get(0), bridge.get())
                .stream().findFirst().map(port -> new Located(bridge.get(), port, fdb)));
    }

    private static boolean has(GuestNic nic, String ip) {
        return nic.addresses().stream().anyMatch(a -> Ipv4.tryParse(a.ip()).map(Ipv4::ip).filter(ip::equals)
                .isPresent());
    }
}
