package dev.virtwire.change;

import dev.virtwire.host.HostReader;
import dev.virtwire.host.Scope;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.LinkOwner;
import dev.virtwire.model.SavedLink;
import java.util.List;
import java.util.Optional;

/**
 * Whether a link change is made live, saved, or both, and through which manager. The default is both where a
 * manager owns the link (or, for a new link, where a running manager will own it), live elsewhere. A link a
 * manager owns is changed only through that manager: a live change behind its back would be undone by it.
 *
 * @param scope   LIVE: only what runs; CONFIG: only what is saved; BOTH
 * @param manager who saves it (NONE for a live change on a link no manager owns)
 * @param profile the owning manager's saved link, when there is one
 */
record SavedScope(Scope scope, LinkOwner manager, Optional<SavedLink> profile) {

    /** Through the manager (profiles, files); false: the kernel's own commands, live only. */
    boolean saved() {
        return manager != LinkOwner.NONE;
    }

    /** How a plan's title says that nothing of it survives a reboot (empty where nothing is known of managers). */
    String titleNote(HostSnapshot s, HostReader host) {
        return !saved() && s.saved().read() && host.changesSavedConfig() ? " (live only: gone after reboot)" : "";
    }

    /**
     * @param links   the links the change is about, first the one whose owner decides
     * @param newLink whether the change makes a new link (a manager running here will own it)
     */
    static SavedScope choose(HostSnapshot s, HostReader host, Optional<Scope> asked, List<String> links,
                             boolean newLink) {
        if (!s.saved().read() || !host.changesSavedConfig()) {
            if (asked.filter(Scope::config).isPresent()) {
                throw new ChangeRefused("this host's saved network configuration " + (s.saved().read() ? "cannot be "
                        + "changed from here (the demo host)" : "was not read") + ", so nothing can be saved there: "
                        + "use --scope live (gone after reboot)");
            }
            return new SavedScope(Scope.LIVE, LinkOwner.NONE, Optional.empty());
        }
        Optional<SavedLink> owned = links.stream().map(l -> s.saved().owner(l)).flatMap(Optional::stream).findFirst();
        LinkOwner manager = owned.map(SavedLink::owner)
                .orElseGet(() -> newLink ? willOwn(s, host) : LinkOwner.NONE);
        Scope scope = asked.orElse(manager == LinkOwner.NONE ? Scope.LIVE : Scope.BOTH);
        String what = String.join(" and ", links);
        if (manager == LinkOwner.NONE) {
            if (scope.config()) {
                throw new ChangeRefused("no network configuration manager on this host saves " + what + ": use "
                        + "--scope live (gone after reboot)");
            }
            return new SavedScope(Scope.LIVE, LinkOwner.NONE, Optional.empty());
        }
        String whose = owned.map(o -> o.name() + " is owned by " + o.owner() + " (" + o.source() + ")")
                .orElse(manager + " would own " + what);
        if (!scope.config()) {
            if (owned.isPresent()) {
                throw new ChangeRefused(whose + ": a live change behind its back would be undone by it; change it "
                        + "through " + manager + " with --scope both (or saved)");
            }
            return new SavedScope(Scope.LIVE, LinkOwner.NONE, Optional.empty());
        }
        // every manager Virtwire finds is one it saves through (what it cannot do there yet, its planner refuses)
        return new SavedScope(scope, manager, owned);
    }

    /**
     * For new links stacked on a lower one (a VLAN on its trunk, and the VLAN's bridge): as for any new link, but made
     * by the trunk's own manager where one owns it (networkd and netplan make a VLAN only as part of the trunk's
     * configuration), except netplan rendered for NetworkManager (NetworkManager makes it). The trunk itself is not
     * changed live, so a live-only change stays allowed.
     */
    static SavedScope chooseOn(HostSnapshot s, HostReader host, Optional<Scope> asked, String lower,
                               List<String> links) {
        SavedScope chosen = choose(s, host, asked, links, true);
        Optional<LinkOwner> trunk = s.saved().owner(lower).map(SavedLink::owner);
        if (!chosen.saved() || chosen.profile().isPresent() || trunk.isEmpty() || trunk.get() == chosen.manager()
                || trunk.get() == LinkOwner.NETPLAN && !NetplanFiles.read(s, host).rendersForNetworkd()) {
            return chosen;
        }
        return new SavedScope(chosen.scope(), trunk.get(), Optional.empty());
    }

    /**
     * The manager that would own a new link: netplan where its YAML renders for networkd (networkd there only
     * carries out what netplan renders, again at every boot), else the one the saved configuration names
     * ({@link dev.virtwire.model.SavedConfig#ownerOfNewLinks}), but networkd itself where that guess is netplan and its
     * YAML renders for NetworkManager, which does not run.
     */
    private static LinkOwner willOwn(HostSnapshot s, HostReader host) {
        if (s.saved().managers().stream().anyMatch(m -> m.manager() == LinkOwner.NETPLAN)
                && NetplanFiles.read(s, host).rendersForNetworkd()) {
            return LinkOwner.NETPLAN;
        }
        LinkOwner guess = s.saved().ownerOfNewLinks();
        return guess == LinkOwner.NETPLAN ? LinkOwner.NETWORKD : guess;
    }
}
