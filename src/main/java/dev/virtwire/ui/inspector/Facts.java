package dev.virtwire.ui.inspector;

import dev.virtwire.model.AfterReboot;
import dev.virtwire.model.DhcpLease;
import dev.virtwire.model.DhcpRange;
import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestAddress;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkOwner;
import dev.virtwire.model.Ipv6Conf;
import dev.virtwire.model.NetworkIp;
import dev.virtwire.model.Route;
import dev.virtwire.model.SavedLink;
import dev.virtwire.model.VirtualNetwork;
import dev.virtwire.ui.Messages;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Everything the snapshot knows about one element, as inspector lines. */
public final class Facts {
    /** When a lease ends, on this machine's clock (libvirt's leases last an hour by default: today, mostly). */
    private static final DateTimeFormatter TODAY = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter LATER = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private final HostSnapshot snapshot;
    private final Messages text;
    private final FactEdits edits;
    private final List<Fact> facts = new ArrayList<>();

    private Facts(HostSnapshot snapshot, Messages text) {
        this.snapshot = snapshot;
        this.text = text;
        this.edits = new FactEdits(snapshot, text);
    }

    /** What the snapshot knows about one element of the topology; nothing when the host no longer has it. */
    public static List<Fact> of(HostSnapshot snapshot, Id.Node id, Messages text) {
        Facts f = new Facts(snapshot, text);
        if (id instanceof Id.Link l) {
            snapshot.link(l.name()).ifPresentOrElse(f::link, () -> snapshot.saved().owner(l.name())
                    .ifPresent(f::savedOnly));
        } else if (id instanceof Id.Network n) {
            snapshot.network(n.name()).ifPresent(f::network);
        } else if (id instanceof Id.Guest g) {
            snapshot.guest(g.name()).ifPresent(f::guest);
        } else if (id instanceof Id.Nic n) {
            f.nic(n);
        } else if (id instanceof Id.Outside) {
            f.outside();
        }
        return List.copyOf(f.facts);
    }

    private void add(String category, String key, String value) {
        facts.add(new Fact(text.get(category), text.get(key), value));
    }

    private void add(String category, String key, String value, FactEdit edit) {
        facts.add(new Fact(text.get(category), text.get(key), value, Optional.of(edit)));
    }

    /**
     * The first IPv6 prefix's address and DHCPv6 range as {@link #networkIps} showed them, made editable; shown
     * as "—" when there is none yet, so that one can be typed.
     */
    private void editIpv6(VirtualNetwork n) {
        String category = text.get("fact.ipv6");
        Optional<NetworkIp> first = n.ips6().stream().findFirst();
        edit(category, text.get("fact.ip6"), first.map(NetworkIp::address), edits.networkIpv6(n));
        if (first.isPresent()) {
            edit(category, text.get("fact.dhcp6"), first.get().dhcpRanges().stream().findFirst()
                    .map(r -> r.first() + " – " + r.last()), edits.networkDhcp6(n));
        }
    }

    /** The fact with this name and value made editable, or a new editable one showing "—". */
    private void edit(String category, String name, Optional<String> value, FactEdit edit) {
        for (int k = 0; k < facts.size(); k++) {
            Fact f = facts.get(k);
            if (value.isPresent() && f.category().equals(category) && f.name().equals(name)
                    && f.value().equals(value.get())) {
                facts.set(k, new Fact(category, name, f.value(), Optional.of(edit)));
                return;
            }
        }
        facts.add(new Fact(category, name, FactEdits.NONE, Optional.of(edit)));
    }

    private String yesNo(boolean b) {
        return text.get(b ? "yes" : "no");
    }

    private void link(Link link) {
        add("fact.general", "fact.name", link.name());
        add("fact.general", "fact.kind", text.get("link." + link.kind().json()));
        add("fact.general", "fact.state", link.state().json());
        add("fact.general", "fact.admin", edits.upDown(link.adminUp()), edits.linkAdmin(link));
        link.mac().ifPresent(m -> add("fact.general", "fact.mac", m));
        link.mtu().ifPresent(m -> add("fact.general", "fact.mtu", String.valueOf(m), edits.linkMtu(link)));
        link.master().ifPresent(m -> add("fact.general", "fact.master", m));
        link.parent().ifPresent(p -> add("fact.general", "fact.parent", p));
        link.vlanId().ifPresent(v -> add("fact.general", "fact.vlan", String.valueOf(v)));
        boolean uplink = snapshot.defaultRouteLink().filter(l -> l.name().equals(link.name())).isPresent();
        add("fact.general", "fact.default-route", yesNo(uplink));
        // only where the sysctls were read: a link missing from an unread list is not known to forward
        if (snapshot.kernel().ipForward().isPresent()) {
            boolean forwards = !snapshot.kernel().notForwarding().contains(link.name());
            add("fact.general", "fact.link-forward", yesNo(forwards), edits.linkForward(link, forwards));
        }
        link.addresses().forEach(a -> add("fact.addresses", "fact.ip", a));
        link.addresses6().forEach(a -> add("fact.ipv6", "fact.ip6", a));
        snapshot.kernel().ipv6(link.name()).ifPresent(c -> add("fact.ipv6", "fact.ipv6-settings", ipv6Settings(c)));
        snapshot.networkOnBridge(link.name()).ifPresent(n -> add("fact.general", "fact.source", "network " + n.name()));
        saved(link);
    }

    /** Who saves the link, and what a reboot makes of it; nothing when the saved configuration was not read. */
    private void saved(Link link) {
        AfterReboot.Outlook outlook = AfterReboot.of(snapshot).of(link);
        snapshot.config(link).filter(c -> c.manager() != LinkOwner.NONE).ifPresent(c -> {
            add("fact.saved", "fact.manager", c.manager().json());
            c.profile().ifPresent(p -> add("fact.saved", "fact.profile", p));
            c.drift().forEach(d -> add("fact.saved", "fact.drift", d));
        });
        switch (outlook) {
            case AS_RUNNING -> add("fact.saved", "fact.after-reboot", text.get("after-reboot.as-running"));
            case DIFFERENT -> add("fact.saved", "fact.after-reboot", text.get("after-reboot.different"));
            case GONE -> add("fact.saved", "fact.after-reboot", text.get("after-reboot.gone"));
            case NOT_JUDGED -> {
            }
        }
    }

    /** A link a manager saved that does not run now. */
    private void savedOnly(SavedLink s) {
        add("fact.general", "fact.name", s.name());
        add("fact.general", "fact.state", text.get("saved.not-running"));
        add("fact.saved", "fact.manager", s.owner().json());
        add("fact.saved", "fact.profile", s.source());
        add("fact.saved", "fact.at-boot", yesNo(s.atBoot()));
        s.master().ifPresent(m -> add("fact.saved", "fact.master", m));
        s.parent().ifPresent(p -> add("fact.saved", "fact.parent", p));
        s.vlanId().ifPresent(v -> add("fact.saved", "fact.vlan", String.valueOf(v)));
        s.mtu().ifPresent(m -> add("fact.saved", "fact.mtu", String.valueOf(m)));
        s.addresses().ifPresent(a -> {
            a.fixed().forEach(ip -> add("fact.saved", "fact.ip", ip));
            if (a.dhcp()) {
                add("fact.saved", "fact.ip", "DHCP");
            }
        });
        if (s.atBoot()) {
            add("fact.saved", "fact.after-reboot", text.get("after-reboot.not-running"));
        }
    }

    private void network(VirtualNetwork n) {
        add("fact.general", "fact.name", n.name());
        add("fact.general", "fact.mode", text.get("mode." + n.mode().json()), edits.networkMode(n));
        add("fact.general", "fact.active", yesNo(n.active()), edits.networkActive(n));
        add("fact.general", "fact.autostart", yesNo(n.autostart()));
        n.bridge().ifPresent(b -> add("fact.general", "fact.bridge", b));
        if (!n.devices().isEmpty()) {
            add("fact.general", "fact.devices", String.join(", ", n.devices()));
        }
        n.uuid().ifPresent(u -> add("fact.general", "fact.uuid", u));
        networkIps(n.ips(), "fact.addresses", "");
        networkIps(n.ips6(), "fact.ipv6", "6");
        n.leases().forEach(l -> add(l.isIpv6() ? "fact.ipv6" : "fact.addresses", "fact.leases", lease(l)));
        if (n.makesItsBridge()) {
            // where libvirt owns the bridge, the IPv6 prefix and DHCPv6 range are typed in place
            editIpv6(n);
        }
        String guests = snapshot.guests().stream()
                .filter(g -> g.nics().stream().anyMatch(nic -> nic.source().filter(n.name()::equals).isPresent()))
                .map(Guest::name).collect(Collectors.joining(", "));
        add("fact.general", "fact.guests", guests.isEmpty() ? "—" : guests);
    }

    private void guest(Guest g) {
        add("fact.general", "fact.name", g.name());
        add("fact.general", "fact.state", text.get("guest." + g.state().json()));
        g.uuid().ifPresent(u -> add("fact.general", "fact.uuid", u));
        add("fact.general", "fact.nics", String.valueOf(g.nics().size()));
        for (GuestNic nic : g.nics()) {
            String where = nic.source().map(s -> nic.type().json() + " " + s).orElse(nic.type().json());
            String ips = nic.addresses().stream().map(GuestAddress::ip).collect(Collectors.joining(", "));
            facts.add(new Fact(text.get("fact.nics"), nic.mac(), where + (ips.isEmpty() ? "" : " · " + ips)));
        }
    }

    private void nic(Id.Nic id) {
        Optional<Guest> guest = snapshot.guest(id.guest());
        Optional<GuestNic> nic = guest.flatMap(g -> g.nic(id.mac()));
        if (nic.isEmpty()) {
            return;
        }
        GuestNic n = nic.get();
        add("fact.general", "fact.guest", guest.get().name());
        add("fact.general", "fact.mac", n.mac());
        n.model().ifPresent(m -> add("fact.general", "fact.model", m));
        add("fact.general", "fact.type", n.type().json());
        add("fact.general", "fact.source", edits.nicSourceLabel(n), edits.nicSource(guest.get(), n));
        n.directMode().ifPresent(m -> add("fact.general", "fact.mode", m));
        add("fact.general", "fact.target", n.target().orElse("—"));
        add("fact.general", "fact.link", edits.upDown(n.linkUp()), edits.nicLink(guest.get(), n));
        if (!n.vlans().isEmpty()) {
            add("fact.general", "fact.vlan", n.vlans().toString());
        }
        n.addresses().forEach(a -> add("fact.addresses", "fact.ip", a.ip() + " (" + a.origin().json() + ")"));
        n.addresses6().forEach(a -> add("fact.ipv6", "fact.ip6", a.ip() + " (" + a.origin().json() + ")"));
    }

    /**
     * "192.168.122.45 (web1) · until 19:12 ← 52:54:00:3a:10:01", by the guest with that MAC or the client's name: who
     * and until before the MAC, which the inspector's narrow column cuts first (its tooltip shows it whole).
     */
    private String lease(DhcpLease l) {
        Optional<String> who = snapshot.guests().stream().filter(g -> g.nic(l.mac()).isPresent()).map(Guest::name)
                .findFirst().or(l::hostname);
        return l.address() + who.map(w -> " (" + w + ")").orElse("")
                + l.expires().map(t -> " · " + text.get("fact.until") + " " + until(t)).orElse("") + " ← " + l.mac();
    }

    private static String until(java.time.Instant t) {
        java.time.ZonedDateTime at = t.atZone(ZoneId.systemDefault());
        boolean today = at.toLocalDate().equals(java.time.LocalDate.now(ZoneId.systemDefault()));
        return (today ? TODAY : LATER).format(at);
    }

    /** A network's {@code <ip>}s of one family; {@code six} ends the keys of the IPv6 ones ("6") or not (""). */
    private void networkIps(List<NetworkIp> ips, String category, String six) {
        for (NetworkIp ip : ips) {
            add(category, "fact.ip" + six, ip.address());
            for (DhcpRange r : ip.dhcpRanges()) {
                add(category, "fact.dhcp" + six, r.first() + " – " + r.last());
            }
            // a DHCPv6 reservation names its client by DUID, a DHCPv4 one by MAC; the name first, as a lease's
            ip.dhcpHosts().forEach(h -> add(category, "fact.reservations" + six, h.ip()
                    + h.name().map(x -> " (" + x + ")").orElse("")
                    + h.mac().map(m -> " ← " + m).orElse("") + h.id().map(d -> " ← DUID " + d).orElse("")));
        }
    }

    /** The sysctls' own names and values, as a sysadmin would compare them with {@code sysctl net.ipv6.conf}. */
    private static String ipv6Settings(Ipv6Conf c) {
        return "forwarding=" + c.forwarding().map(on -> on ? "1" : "0").orElse("?")
                + " · accept_ra=" + (c.acceptRa().isPresent() ? String.valueOf(c.acceptRa().getAsInt()) : "?")
                + " · disable_ipv6=" + c.disabled().map(on -> on ? "1" : "0").orElse("?");
    }

    private void outside() {
        snapshot.routes().stream().filter(Route::isDefault).findFirst().ifPresent(r -> {
            r.gateway().ifPresent(g -> add("fact.general", "fact.gateway", g));
            r.device().ifPresent(d -> add("fact.general", "fact.source", d));
        });
        snapshot.routes6().stream().filter(Route::isDefault).findFirst().ifPresent(r -> add("fact.ipv6",
                "fact.gateway6", r.gateway().orElse("—") + r.device().map(d -> " · " + d).orElse("")));
        // forwarding that could not be read stays read-only: the planner could not undo a change to it
        snapshot.kernel().ipForward().ifPresentOrElse(
                on -> add("fact.general", "fact.ip-forward", yesNo(on), edits.ipForward(on)),
                () -> add("fact.general", "fact.ip-forward", text.get("unknown")));
    }
}
