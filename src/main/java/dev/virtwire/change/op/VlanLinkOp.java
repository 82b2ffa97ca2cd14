package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.IpCommands;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.LinkKind;
import java.util.List;
import java.util.Optional;

/** {@code ip link add link PARENT name NAME type vlan id ID}, or its deletion. */
public record VlanLinkOp(String name, String parent, int id, boolean present) implements Operation {

    @Override
    public String describe() {
        return (present ? "Create VLAN link " : "Delete VLAN link ") + name + " (VLAN " + id + " on " + parent + ")";
    }

    @Override
    public List<HostCommand> commands() {
        return List.of(new HostCommand.Run(ipArgv()));
    }

    @Override
    public List<Id> subjects() {
        return List.of(new Id.Link(name));
    }

    @Override
    public Optional<String> drift(HostSnapshot now) {
        if (present) {
            if (now.link(name).isPresent()) {
                return Optional.of("a link named " + name + " exists already");
            }
            return now.link(parent).isPresent() ? Optional.empty() : Optional.of(parent + " is gone");
        }
        return StillThere.link(now, name).check(l -> l.kind() != LinkKind.VLAN
                ? Optional.of(name + " is a " + l.kind().json() + " now, not a VLAN link")
                : l.master().map(m -> name + " is a port of " + m));
    }

    @Override
    public void apply(Host host) {
        if (present) {
            host.kernel().createVlan(name, parent, id);
        } else {
            host.kernel().deleteVlan(name);
        }
    }

    @Override
    public Optional<String> unverified(HostSnapshot after) {
        boolean exists = after.link(name).filter(l -> l.kind() == LinkKind.VLAN && l.vlanId().orElse(-1) == id
                && l.parent().filter(parent::equals).isPresent()).isPresent();
        return exists == present ? Optional.empty()
                : Optional.of("VLAN link " + name + (present ? " was not created" : " is still there"));
    }

    @Override
    public Operation inverse() {
        return new VlanLinkOp(name, parent, id, !present);
    }

    @Override
    public Optional<List<String>> ipCommand() {
        return Optional.of(ipArgv());
    }

    private List<String> ipArgv() {
        return present ? IpCommands.createVlan(name, parent, id) : IpCommands.deleteVlan(name);
    }
}
