package dev.virtwire.model;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the host's network configuration managers have saved: the managers found and each link they create or
 * configure at boot. Running links are compared with it ({@link #of(Link)}), so a change by hand shows at once.
 *
 * @param read  whether it was read at all (false: a snapshot from before Virtwire read it, or from a JSON
 *              without it; nothing is known then)
 * @param links in the order the managers were asked; a link may be claimed by more than one
 */
public record SavedConfig(boolean read, List<ManagerFound> managers, List<SavedLink> links) {
    public SavedConfig {
        managers = List.copyOf(managers);
        links = List.copyOf(links);
    }

    public static SavedConfig unknown() {
        return new SavedConfig(false, List.of(), List.of());
    }

    /** The saved link that decides a link's configuration: the one its manager applies now, else the first. */
    public Optional<SavedLink> owner(String link) {
        return links.stream().filter(s -> s.name().equals(link))
                .min(Comparator.comparing(s -> !s.active()));
    }

    /** Who owns the running link and whether it matches; empty when nothing was read. */
    public Optional<LinkConfig> of(Link running) {
        if (!read) {
            return Optional.empty();
        }
        return Optional.of(owner(running.name()).map(s -> {
            List<String> drift = s.differencesFrom(running);
            return new LinkConfig(s.owner(), Optional.of(s.source()), drift.isEmpty(), drift);
        }).orElse(LinkConfig.unowned()));
    }

    /**
     * The manager that would own a new link: NetworkManager or systemd-networkd when it runs, else ifupdown where
     * its interfaces file configures links (no daemon runs for it), else none known. Where netplan's YAML is found and
     * the one that runs is systemd-networkd, netplan (it renders for networkd there: a link saved in networkd's own
     * files would sit beside netplan's; a change reads the YAML's renderer to be sure).
     */
    public LinkOwner ownerOfNewLinks() {
        LinkOwner owner = managers.stream().filter(ManagerFound::running).map(ManagerFound::manager)
                .filter(m -> m == LinkOwner.NETWORK_MANAGER || m == LinkOwner.NETWORKD).findFirst()
                .or(() -> managers.stream().map(ManagerFound::manager).filter(m -> m == LinkOwner.IFUPDOWN).findFirst())
                .orElse(LinkOwner.NONE);
        boolean netplan = managers.stream().anyMatch(m -> m.manager() == LinkOwner.NETPLAN);
        return netplan && owner == LinkOwner.NETWORKD ? LinkOwner.NETPLAN : owner;
    }

    /** Saved links that do not run now (a profile not activated, a file for a link that is gone). */
    public List<SavedLink> notRunning(List<Link> running) {
        return links.stream().filter(s -> running.stream().noneMatch(l -> l.name().equals(s.name()))).toList();
    }
}
