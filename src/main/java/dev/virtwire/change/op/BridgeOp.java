package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.IpCommands;
import dev.virtwire.model.BridgeSettings;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.LinkKind;
import java.util.List;
import java.util.Optional;

/**
 * Creates a Linux bridge (down, no ports; with this MAC when given) or deletes one that has no ports left.
 * A deleted bridge's MAC is kept so that undo brings back the same bridge.
 */
public record BridgeOp(String name, BridgeSettings settings, Optional<String> mac, boolean present) implements Operation {

    @Override
    public String describe() {
        return (present ? "Create bridge " : "Delete bridge ") + name + (present && settings.stp() ? " with STP" : "");
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
            return now.link(name).map(l -> "a link named " + name + " exists already");
        }
        return StillThere.link(now, name).check(l -> {
            if (l.kind() != LinkKind.BRIDGE) {
                return Optional.of(name + " is a " + l.kind().json() + " now, not a bridge");
            }
            List<String> ports = now.links().stream().filter(p -> p.master().filter(name::equals).isPresent())
                    .map(p -> p.name()).toList();
            return ports.isEmpty() ? Optional.empty() : Optional.of("bridge " + name + " has ports " + ports);
        });
    }

    @Override
    public void apply(Host host) {
        if (present) {
            host.kernel().createBridge(name, settings, mac);
        } else {
            host.kernel().deleteBridge(name);
        }
    }

    @Override
    public Optional<String> unverified(HostSnapshot after) {
        boolean exists = after.link(name).filter(l -> l.kind() == LinkKind.BRIDGE).isPresent();
        if (exists != present) {
            return Optional.of("bridge " + name + (present ? " was not created" : " is still there"));
        }
        return present && mac.isPresent() && !after.link(name).flatMap(l -> l.mac()).equals(mac)
                ? Optional.of("bridge " + name + " does not have the MAC " + mac.get()) : Optional.empty();
    }

    @Override
    public Operation inverse() {
        return new BridgeOp(name, settings, mac, !present);
    }

    @Override
    public Optional<List<String>> ipCommand() {
        return Optional.of(ipArgv());
    }

    private List<String> ipArgv() {
        return present ? IpCommands.createBridge(name, settings, mac) : IpCommands.deleteBridge(name);
    }
}
