package dev.virtwire.diagnose.rules;

import dev.virtwire.change.LinkIntent;
import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Fix;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.host.Scope;
import dev.virtwire.model.Id;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkConfig;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.LinkOwner;
import dev.virtwire.model.SavedLink;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A link on the guest's path was enslaved or addressed by hand while a network manager owns it: the manager puts
 * its saved master and addresses back when it applies the profile again (at boot, on reactivation, ifup), and
 * what the guest relies on now goes with it. Where the change is a port moved by hand, the fix keeps it (what a
 * sysadmin who did it by hand meant) and saves it through the manager; the steps also name how to give the link back.
 */
public final class ManagerConflict implements Rule {

    @Override
    public Set<Catalog> makes() {
        return Set.of(Catalog.MANAGER_CONFLICT);
    }

    @Override
    public List<Finding> check(Situation s) {
        if (!s.snapshot().saved().read()) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (String name : onPath(s)) {
            s.link(name).ifPresent(link -> s.snapshot().config(link).ifPresent(config -> {
                List<String> byHand = config.drift().stream()
                        .filter(d -> d.startsWith("master:") || d.startsWith("addresses:")).toList();
                if (config.manager() != LinkOwner.NONE && !byHand.isEmpty()) {
                    out.add(finding(s, link, config, byHand));
                }
            }));
        }
        return out;
    }

    /** The guest's bridge, its ways out and the bridges those are ports of. */
    private static Set<String> onPath(Situation s) {
        Set<String> out = new LinkedHashSet<>();
        s.path().bridge().ifPresent(out::add);
        out.addAll(s.path().uplinks());
        s.path().uplinks().forEach(u -> s.link(u).flatMap(Link::master).ifPresent(out::add));
        return out;
    }

    private static Finding finding(Situation s, Link link, LinkConfig config, List<String> byHand) {
        String manager = config.manager().json();
        String profile = config.profile().orElse("its saved configuration");
        List<String> evidence = new ArrayList<>();
        evidence.add(LinkFacts.describe(link));
        byHand.forEach(d -> evidence.add(manager + " (" + profile + "): " + d));
        evidence.add(whenItUndoes(s, config.manager()));
        List<String> steps = new ArrayList<>(SavingSteps.update(link, config.manager(), profile, byHand));
        Optional<Fix> fix = fix(s, link, config.manager(), byHand);
        if (fix.isPresent()) {
            steps.remove(SavingSteps.NO_FIX_YET);
        }
        String back = takeBack(s, link);
        if (!back.isEmpty()) {
            steps.add(fix.isPresent() ? steps.size() : steps.size() - 1, "or give " + link.name() + " back to "
                    + manager + " as it saved it: " + back);
        }
        Finding finding = Finding.of(Catalog.MANAGER_CONFLICT, link.name() + " was changed by hand while " + manager
                        + " owns it (" + profile + "): " + manager + " will undo it" + (fix.isPresent()
                        ? "; the fix keeps the change (the guest relies on it) and saves it through " + manager : ""))
                .withEvidence(evidence)
                .withNodes(new Id.Link(link.name()))
                .withSteps(steps.toArray(String[]::new));
        return fix.map(finding::withFix).orElse(finding);
    }

    /**
     * A port moved by hand into another bridge is saved there through its manager: into a bridge made by hand, by
     * saving that bridge with its ports (when the same manager would own it); into a bridge the manager saves, as
     * its port (NetworkManager, networkd, netplan: ifupdown's old bridge, or netplan's, would still list it). Addresses
     * by hand: no fix.
     */
    private static Optional<Fix> fix(Situation s, Link link, LinkOwner manager, List<String> byHand) {
        if (!manager.savedThroughByVirtwire() || link.master().isEmpty()
                || byHand.stream().anyMatch(d -> !d.startsWith("master:"))) {
            return Optional.empty();
        }
        String master = link.master().get();
        Optional<SavedLink> saved = s.snapshot().saved().owner(master);
        if (SavingSteps.netplanListsInABridge(s.snapshot(), manager, link.name())) {
            return Optional.empty();
        }
        if (saved.isEmpty()) {
            boolean bridge = s.link(master).filter(m -> m.kind() == LinkKind.BRIDGE && m.addresses().isEmpty())
                    .isPresent();
            return bridge && s.snapshot().saved().ownerOfNewLinks() == manager
                    ? Optional.of(Fix.of(new LinkIntent.SaveBridge(master))) : Optional.empty();
        }
        return saved.get().owner() == manager && manager != LinkOwner.IFUPDOWN
                ? Optional.of(Fix.of(new LinkIntent.SetLinkMaster(link.name(), link.master(), Optional.of(Scope.CONFIG))))
                : Optional.empty();
    }

    private static String whenItUndoes(Situation s, LinkOwner manager) {
        boolean running = s.snapshot().saved().managers().stream()
                .anyMatch(m -> m.manager() == manager && m.running());
        return switch (manager) {
            case NETWORK_MANAGER -> "NetworkManager " + (running ? "is running: it " : "") + "applies the profile "
                    + "again at boot, on nmcli connection up and when the device reconnects";
            case NETWORKD -> "systemd-networkd " + (running ? "is running: it " : "") + "applies its files again at "
                    + "boot and on networkctl reload or reconfigure";
            case IFUPDOWN -> "ifupdown applies /etc/network/interfaces at boot and on ifup";
            case NETPLAN -> "netplan renders its YAML again at boot and on netplan apply";
            case NONE -> "";
        };
    }

    /** The ip commands that put the link back as the manager saved it. */
    private static String takeBack(Situation s, Link link) {
        List<String> commands = new ArrayList<>();
        s.snapshot().saved().owner(link.name()).ifPresent(saved -> {
            if (!saved.master().equals(link.master())) {
                commands.add("ip link set " + link.name() + saved.master().map(m -> " master " + m).orElse(" nomaster"));
            }
            saved.addresses().ifPresent(a -> {
                if (!a.dhcp()) {
                    link.addresses().stream().filter(r -> !a.fixed().contains(r))
                            .forEach(r -> commands.add("ip addr del " + r + " dev " + link.name()));
                }
                a.fixed().stream().filter(f -> !link.addresses().contains(f))
                        .forEach(f -> commands.add("ip addr add " + f + " dev " + link.name()));
            });
        });
        return String.join(" && ", commands);
    }
}
