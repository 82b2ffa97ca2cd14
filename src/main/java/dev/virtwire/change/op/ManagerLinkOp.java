package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.LinkOwner;
import java.util.List;
import java.util.Optional;

/**
 * A network manager making a link its files describe, or taking it down and deleting it. systemd-networkd:
 * {@code networkctl reload} (it reads its files again and creates the netdevs they add), {@code networkctl delete
 * LINK} (a reload does not remove a netdev whose file is gone). ifupdown: {@code ifup LINK}, {@code ifdown LINK}
 * (bridge-utils' hooks make and delete the bridge). Each is the other's inverse.
 *
 * @param manager systemd-networkd or ifupdown (a journal from before ifupdown had none: networkd)
 */
public record ManagerLinkOp(String link, boolean create, LinkOwner manager) implements Operation {

    public ManagerLinkOp {
        manager = manager == null ? LinkOwner.NETWORKD : manager;
        if (manager != LinkOwner.NETWORKD && manager != LinkOwner.IFUPDOWN) {
            throw new IllegalArgumentException(manager.json() + " makes no link by a command of Virtwire's");
        }
    }

    @Override
    public String describe() {
        if (manager == LinkOwner.IFUPDOWN) {
            return (create ? "Bring up " : "Take down and delete ") + link + " with ifupdown";
        }
        return create ? "Have systemd-networkd read its files again and make " + link
                : "Have systemd-networkd delete " + link;
    }

    @Override
    public List<HostCommand> commands() {
        return List.of(new HostCommand.Run(argv()));
    }

    @Override
    public List<Id> subjects() {
        return List.of(new Id.Link(link));
    }

    @Override
    public Optional<String> drift(HostSnapshot now) {
        if (create && now.link(link).isPresent()) {
            return Optional.of(link + " exists already");
        }
        return !create && now.link(link).isEmpty() ? Optional.of(link + " is gone already") : Optional.empty();
    }

    @Override
    public void apply(Host host) {
        host.savedConfig().run(argv());
        LinkSettles.await(host, link, create);
    }

    @Override
    public Optional<String> unverified(HostSnapshot after) {
        if (create) {
            return after.link(link).isPresent() ? Optional.empty()
                    : Optional.of(manager.json() + " did not make " + link + " from its files");
        }
        return after.link(link).isEmpty() ? Optional.empty() : Optional.of(link + " still exists");
    }

    @Override
    public Operation inverse() {
        return new ManagerLinkOp(link, !create, manager);
    }

    private List<String> argv() {
        if (manager == LinkOwner.IFUPDOWN) {
            return List.of(create ? "ifup" : "ifdown", link);
        }
        return create ? List.of("networkctl", "reload") : List.of("networkctl", "delete", link);
    }
}
