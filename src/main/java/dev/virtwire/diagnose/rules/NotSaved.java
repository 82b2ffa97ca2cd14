package dev.virtwire.diagnose.rules;

import dev.virtwire.change.LinkIntent;
import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Fix;
import dev.virtwire.diagnose.GuestPath.Wiring;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.model.AfterReboot;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.LinkOwner;
import dev.virtwire.model.NicType;
import dev.virtwire.model.SavedLink;
import dev.virtwire.model.VirtualNetwork;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The guest works now, but its config (or its network's, which libvirt starts at boot) names a link that no
 * network configuration manager creates at boot: a bridge or VLAN made by hand with {@code ip}, a port enslaved by
 * hand. After a reboot the link is gone and libvirt refuses to start the guest ("Cannot get interface MTU").
 * A bridge made by hand gets a fix: saved as it runs (with its ports) through the manager that would own it.
 */
public final class NotSaved implements Rule {

    @Override
    public Set<Catalog> makes() {
        return Set.of(Catalog.NOT_SAVED);
    }
    @Override
    public List<Finding> check(Situation s) {
        HostSnapshot host = s.snapshot();
        if (!host.saved().read()) {
            return List.of();
        }
        AfterReboot reboot = AfterReboot.of(host);
        List<Link> gone = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        for (String name : dependsOn(s)) {
            host.link(name).filter(l -> !reboot.survives(l)).ifPresent(l -> {
                gone.add(l);
                evidence.add(LinkFacts.describe(l) + "; " + savedAs(host, l.name()));
            });
        }
        List<Link> loosePorts = loosePorts(s, gone);
        loosePorts.forEach(p -> evidence.add(LinkFacts.describe(p) + "; no manager saves it as a port of "
                + p.master().orElse("") + ": at boot it joins no bridge"));
        if (gone.isEmpty() && loosePorts.isEmpty()) {
            return List.of();
        }
        evidence.add(0, uses(s));
        evidence.add("managers found: " + (host.saved().managers().isEmpty() ? "none" : String.join(", ",
                host.saved().managers().stream().map(m -> m.manager().json() + (m.running() ? " (running)" : ""))
                        .toList())));
        List<String> names = new ArrayList<>(gone.stream().map(Link::name).toList());
        loosePorts.forEach(p -> names.add(p.name() + " in " + p.master().orElse("")));
        String title = String.join(", ", names) + (names.size() == 1 ? " runs" : " run") + " only until the next "
                + "reboot: no network manager saves " + (names.size() == 1 ? "it" : "them") + ", and "
                + s.guestName() + (gone.isEmpty() ? " loses its way out then" : " will not start then");
        Finding finding = Finding.of(Catalog.NOT_SAVED, title).withEvidence(evidence);
        for (Link l : gone) {
            finding = finding.withNodes(new Id.Link(l.name()));
        }
        for (Link p : loosePorts) {
            finding = finding.withNodes(new Id.Link(p.name()));
        }
        Optional<Link> bridge = fixable(host, gone, loosePorts);
        List<String> steps = new ArrayList<>();
        List<Link> toSave = gone.isEmpty() ? loosePorts.stream().flatMap(p -> p.master().flatMap(host::link).stream())
                .distinct().toList() : gone;
        for (Link l : toSave) {
            List<String> neighbours = host.links().stream().filter(p -> p.master().filter(l.name()::equals)
                    .isPresent()).map(Link::name).toList();
            Optional<LinkOwner> manager = bridge.isPresent() ? Optional.of(host.saved().ownerOfNewLinks())
                    : SavingSteps.managerFor(host, neighbours);
            steps.addAll(SavingSteps.create(host, l, manager).stream()
                    .filter(step -> !step.equals(SavingSteps.NO_FIX_YET)).toList());
        }
        if (bridge.isEmpty()) {
            steps.add(SavingSteps.NO_FIX_YET);
            return List.of(finding.withSteps(steps.toArray(String[]::new)));
        }
        return List.of(finding.withSteps(steps.toArray(String[]::new))
                .withFix(Fix.of(new LinkIntent.SaveBridge(bridge.get().name()))));
    }

    /**
     * The bridge a one-click fix saves, with its ports, through the manager that would own it: the one link gone
     * after a reboot, when it is a bridge without addresses of its own and that manager is one Virtwire saves
     * through (netplan: none of its ports listed in another bridge in netplan's YAML).
     */
    private static Optional<Link> fixable(HostSnapshot host, List<Link> gone, List<Link> loosePorts) {
        if (gone.size() != 1 || !loosePorts.isEmpty() || gone.get(0).kind() != LinkKind.BRIDGE
                || !gone.get(0).addresses().isEmpty()
                || !host.saved().ownerOfNewLinks().savedThroughByVirtwire()
                || host.saved().owner(gone.get(0).name()).isPresent()
                || host.links().stream().filter(p -> p.master().filter(gone.get(0).name()::equals).isPresent())
                .anyMatch(p -> SavingSteps.netplanListsInABridge(host, host.saved().ownerOfNewLinks(), p.name()))) {
            return Optional.empty();
        }
        return Optional.of(gone.get(0));
    }

    /** The links named by the guest NIC's config, or by the network it is on. */
    private static Set<String> dependsOn(Situation s) {
        Set<String> out = new LinkedHashSet<>();
        if (s.nic().type() == NicType.BRIDGE || s.nic().type() == NicType.DIRECT) {
            s.nic().source().ifPresent(out::add);
        }
        s.path().network().ifPresent(n -> {
            if (!n.makesItsBridge()) {
                n.bridge().ifPresent(out::add);
            }
            out.addAll(n.devices());
        });
        return out;
    }

    /** Ports of the guest's bridge towards the LAN that no manager saves (a bridge saved, its port added by hand). */
    private static List<Link> loosePorts(Situation s, List<Link> gone) {
        if (s.path().wiring() != Wiring.BRIDGED || s.path().bridge().isEmpty()
                || gone.stream().anyMatch(l -> l.name().equals(s.path().bridge().get()))) {
            return List.of();
        }
        return s.path().uplinks().stream().flatMap(u -> s.link(u).stream())
                .filter(u -> s.snapshot().saved().owner(u.name()).isEmpty()).toList();
    }

    private static String savedAs(HostSnapshot host, String link) {
        Optional<SavedLink> saved = host.saved().owner(link);
        return saved.filter(l -> l.owner() != LinkOwner.NONE)
                .map(l -> "saved by " + l.owner().json() + " in " + l.source() + ", but not brought up at boot")
                .orElse("saved by no network manager (made by hand, e.g. with ip link add)");
    }

    private static String uses(Situation s) {
        String nic = s.guestName() + "'s NIC " + s.nic().mac();
        Optional<VirtualNetwork> network = s.path().network();
        return network.map(n -> nic + " is on network " + n.name() + (n.autostart() ? " (autostart)" : "")
                        + ", which uses " + String.join(", ", dependsOn(s)))
                .orElse(nic + " is of type " + s.nic().type().json() + " on " + s.nic().source().orElse("?"));
    }
}
