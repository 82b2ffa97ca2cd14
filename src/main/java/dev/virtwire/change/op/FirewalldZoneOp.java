package dev.virtwire.change.op;

import dev.virtwire.host.FirewalldCommands;
import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.model.FirewalldZones;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import java.util.List;
import java.util.Optional;

/**
 * Puts a bridge in a firewalld zone or takes it out, through firewall-cmd, at run time and permanently: the fix
 * on a host whose firewalld rejects the bridge's forwarded traffic (its default zone does not forward). The
 * bridge had no zone of its own before, so undo takes it out again and it falls back to the default zone.
 */
public record FirewalldZoneOp(String bridge, String zone, boolean present) implements Operation {

    @Override
    public String describe() {
        return present ? "Put " + bridge + " in firewalld's " + zone + " zone, which lets its traffic through (at "
                + "run time and --permanent: there after firewall-cmd --reload and a reboot)"
                : "Take " + bridge + " out of firewalld's " + zone + " zone (back to the default zone, at run time "
                + "and --permanent)";
    }

    @Override
    public List<HostCommand> commands() {
        return FirewalldCommands.setZone(bridge, zone, present).stream().<HostCommand>map(HostCommand.Run::new)
                .toList();
    }

    @Override
    public List<Id> subjects() {
        return List.of(new Id.BridgeAccept(bridge));
    }

    @Override
    public Optional<String> drift(HostSnapshot now) {
        Optional<String> zoneNow = FirewalldZones.of(now.firewall(), bridge);
        if (present) {
            return zoneNow.map(z -> bridge + " is in firewalld's " + z + " zone now");
        }
        return zoneNow.filter(zone::equals).isPresent() ? Optional.empty()
                : Optional.of(bridge + " is no longer in firewalld's " + zone + " zone");
    }

    @Override
    public void apply(Host host) {
        host.firewall().setFirewalldZone(bridge, zone, present);
    }

    @Override
    public Optional<String> unverified(HostSnapshot after) {
        return FirewalldZones.of(after.firewall(), bridge).filter(zone::equals).isPresent() == present
                ? Optional.empty() : Optional.of("firewalld's table " + (present ? "does not put " : "still puts ")
                + bridge + " in the " + zone + " zone");
    }

    @Override
    public Operation inverse() {
        return new FirewalldZoneOp(bridge, zone, !present);
    }
}
