package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * systemd-networkd making several links its files describe in one {@code networkctl reload}, or deleting them in one
 * {@code networkctl delete}: a VLAN and its bridge. One reload makes both: it creates the bridge its new
 * {@code .netdev} names, and reconfigures every link whose {@code .network} changed (systemd's {@code
 * manager_reload}: {@code link_reconfigure(link, false)} for each link, which acts where the matching file is new or
 * modified), so the trunk whose file got {@code VLAN=} makes that VLAN as it does at boot; no {@code networkctl
 * reconfigure} is needed. Each is the other's inverse.
 *
 * @param links  in the order networkd's files stack them (the VLAN before its bridge)
 * @param lower  the link whose {@code .network} changed and which networkd reconfigures (for the description)
 */
public record NetworkdLinksOp(List<String> links, String lower, boolean create) implements Operation {

    public NetworkdLinksOp {
        links = List.copyOf(links);
    }

    @Override
    public String describe() {
        String all = String.join(" and ", links);
        return create ? "Have systemd-networkd read its files again and make " + all + " (it reconfigures " + lower
                + ", whose file changed: its addresses are applied again)" : "Have systemd-networkd delete " + all;
    }

    @Override
    public List<HostCommand> commands() {
        return List.of(new HostCommand.Run(argv()));
    }

    @Override
    public List<Id> subjects() {
        return links.stream().<Id>map(Id.Link::new).toList();
    }

    @Override
    public Optional<String> drift(HostSnapshot now) {
        for (String link : links) {
            if (create && now.link(link).isPresent()) {
                return Optional.of(link + " exists already");
            }
            if (!create && now.link(link).isEmpty()) {
                return Optional.of(link + " is gone already");
            }
        }
        return Optional.empty();
    }

    @Override
    public void apply(Host host) {
        host.savedConfig().run(argv());
        links.forEach(l -> LinkSettles.await(host, l, create));
    }

    @Override
    public Optional<String> unverified(HostSnapshot after) {
        List<String> wrong = links.stream().filter(l -> after.link(l).isPresent() != create).toList();
        if (wrong.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(create ? "systemd-networkd did not make " + String.join(", ", wrong) + " from its files"
                : String.join(", ", wrong) + " still exist" + (wrong.size() == 1 ? "s" : ""));
    }

    @Override
    public Operation inverse() {
        return new NetworkdLinksOp(links, lower, !create);
    }

    private List<String> argv() {
        if (create) {
            return List.of("networkctl", "reload");
        }
        List<String> argv = new ArrayList<>(List.of("networkctl", "delete"));
        for (int k = links.size() - 1; k >= 0; k--) {
            argv.add(links.get(k)); // the bridge before the VLAN that is its port
        }
        return argv;
    }
}
