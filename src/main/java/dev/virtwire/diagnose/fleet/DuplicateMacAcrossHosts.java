package dev.virtwire.diagnose.fleet;

import dev.virtwire.change.GuestIntent;
import dev.virtwire.diagnose.Fix;
import dev.virtwire.diagnose.Severity;
import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.GuestState;
import dev.virtwire.model.Id;
import dev.virtwire.model.fleet.FleetHost;
import dev.virtwire.model.fleet.LanSegment;
import dev.virtwire.model.fleet.OnTheLan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Guests on different hosts with the same MAC: the classic result of cloning a VM. Where two of them run bridged
 * onto one LAN segment, switches and bridges send each one's frames to whichever spoke last (an error);
 * elsewhere (behind NAT, or on other LANs) they do not meet yet, until one is moved or bridged (a warning). Its fix
 * gives one of them a new MAC on its host, and offers the same on each other host holding it: the user picks which
 * clone ({@code fleet fix --host}, or a button on the window's card).
 */
final class DuplicateMacAcrossHosts {
    private DuplicateMacAcrossHosts() {
    }

    private record Holder(FleetHost.Up host, Guest guest, GuestNic nic, boolean onLan, Optional<LanSegment> lan) {
        /** The LAN it meets others on: running and bridged there. */
        Optional<LanSegment> meets() {
            return onLan && guest.isRunning() ? lan : Optional.empty();
        }

        String describe() {
            return host.name() + ": guest " + guest.name() + " (" + guest.state().json() + ", "
                    + (onLan ? "on the LAN" : "behind its host") + ")";
        }
    }

    static List<FleetFinding> of(List<FleetHost.Up> fleet, FreshMacs fresh) {
        Map<String, List<Holder>> byMac = new LinkedHashMap<>();
        for (FleetHost.Up host : fleet) {
            Optional<LanSegment> lan = LanSegment.of(host.snapshot()).map(LanSegment.Uplink::segment);
            Set<OnTheLan.LanNic> lanNics = Set.copyOf(OnTheLan.of(host.snapshot()).nics());
            for (Guest guest : host.snapshot().guests()) {
                for (GuestNic nic : guest.nics()) {
                    byMac.computeIfAbsent(nic.mac(), k -> new ArrayList<>())
                            .add(new Holder(host, guest, nic, lanNics.contains(new OnTheLan.LanNic(guest, nic)), lan));
                }
            }
        }
        List<FleetFinding> out = new ArrayList<>();
        byMac.forEach((mac, holders) -> {
            if (holders.stream().map(h -> h.host().name()).distinct().count() > 1) {
                out.add(finding(mac, holders, fresh));
            }
        });
        return out;
    }

    private static FleetFinding finding(String mac, List<Holder> holders, FreshMacs fresh) {
        Map<LanSegment, Long> meeting = holders.stream().flatMap(h -> h.meets().stream())
                .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        Optional<LanSegment> clash = meeting.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                .findFirst();
        String who = holders.stream().map(h -> h.guest().name() + " on " + h.host().name())
                .collect(Collectors.joining(", "));
        String title = "MAC " + mac + " is used on several hosts: " + who
                + clash.map(s -> " (running together on the LAN " + s.describe() + ")").orElse("");
        List<String> evidence = holders.stream().map(h -> h.describe() + ": virsh domiflist " + h.guest().name()
                + ": " + mac).toList();
        List<FleetFinding.Place> places = holders.stream().map(h -> new FleetFinding.Place(h.host().name(),
                new Id.Nic(h.guest().name(), mac))).toList();
        List<Holder> changed = toChange(holders);
        Holder offered = changed.get(0);
        return new FleetFinding(FleetCatalog.DUPLICATE_MAC.id(), clash.isPresent() ? Severity.ERROR : Severity.WARNING,
                title, evidence, places, List.of("give all but one of them a new MAC (on " + offered.host().name()
                + ": virsh edit " + offered.guest().name() + ", change <mac address>, then shut it off and start it; "
                + "a cloned guest gets a fresh one with virt-clone or by removing the <mac> line)"),
                changed.stream().map(h -> fix(h, fresh.next())).toList());
    }

    /**
     * The NIC to give a new MAC on each host that holds it, the one offered first: a guest that is not running
     * (only its saved config changes, nothing is disturbed), else a running one (unplugged and plugged in again),
     * a paused one last (its NIC cannot be unplugged: the plan refuses it); among equals the one whose host's name
     * sorts last: a rule the user can foresee, since which is the clone is not known from the hosts ({@code --host}
     * picks another). On a host with several, likewise.
     */
    private static List<Holder> toChange(List<Holder> holders) {
        Map<String, Holder> byHost = new java.util.TreeMap<>();
        for (Holder h : holders) {
            byHost.merge(h.host().name(), h, (was, now) -> disturbance(now) <= disturbance(was) ? now : was);
        }
        List<Holder> order = new ArrayList<>(byHost.values());
        Holder offered = order.get(0);
        for (Holder h : order) {
            if (disturbance(h) <= disturbance(offered)) {
                offered = h;
            }
        }
        order.remove(offered);
        order.add(0, offered);
        return order;
    }

    /** 0: stopped, 1: running, 2: paused (its fix is refused until it is resumed or shut off). */
    private static int disturbance(Holder h) {
        return h.guest().state() == GuestState.PAUSED ? 2 : h.guest().isRunning() ? 1 : 0;
    }

    /**
     * The NIC given a new MAC on its host. On a running guest it is unplugged and plugged in again with it, as its
     * plan says before it runs: the clash is on the wire now, and a change of the saved config alone would keep it
     * there until someone shuts the guest off and starts it again (a reboot from inside keeps the old MAC).
     */
    private static FleetFinding.HostFix fix(Holder h, String newMac) {
        String guest = h.guest().name();
        String how = switch (h.guest().state()) {
            // the planner refuses it, as a paused guest cannot let go of its NIC: said before it is pressed
            case PAUSED -> ": " + guest + " is paused, so its NIC cannot be unplugged: resume it or shut it off first";
            case RUNNING -> ": " + guest + " is running, so the NIC is unplugged and plugged in again (the guest sees "
                    + "it, and asks for a DHCP lease as a new client)";
            default -> " in its saved config (" + guest + " is not running)";
        };
        return new FleetFinding.HostFix(h.host().name(), new Fix("Give " + guest + "'s NIC " + h.nic().mac() + " on "
                + h.host().name() + " the new MAC " + newMac + how, new GuestIntent.SetNicMac(guest, h.nic().mac(),
                newMac)));
    }
}
