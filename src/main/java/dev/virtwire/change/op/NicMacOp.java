package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.LibvirtCalls;
import dev.virtwire.host.Scope;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.NicType;
import java.util.List;
import java.util.Optional;

/**
 * Gives a guest NIC a new MAC; model, PCI slot and where it is plugged in stay. On a running guest the NIC is
 * unplugged and plugged in again ({@link LibvirtCalls#nicMac}): the guest sees a hot-unplug and plug.
 *
 * @param type   the NIC's type, as it is plugged in (for the commands shown)
 * @param source its network, bridge or host device
 */
public record NicMacOp(String guest, String mac, String newMac, NicType type, String source, Scope scope)
        implements Operation, SavedConfigStep {

    @Override
    public Id savedConfigOf() {
        return new Id.Guest(guest);
    }

    @Override
    public String describe() {
        return "Give " + guest + "'s NIC " + mac + " the MAC " + newMac;
    }

    @Override
    public List<HostCommand> commands() {
        return List.copyOf(LibvirtCalls.nicMac(guest, mac, newMac, type, source, scope));
    }

    @Override
    public List<Id> subjects() {
        return List.of(new Id.Nic(guest, mac), new Id.Nic(guest, newMac));
    }

    @Override
    public Optional<String> drift(HostSnapshot now) {
        return StillThere.nic(now, guest, mac).check(n -> now.guest(guest).flatMap(g -> g.nic(newMac))
                .map(taken -> guest + " has a NIC with MAC " + newMac + " already"));
    }

    @Override
    public void apply(Host host) {
        host.guests().setNicMac(guest, mac, newMac, scope);
    }

    @Override
    public Optional<String> unverified(HostSnapshot after) {
        return StillThere.nic(after, guest, newMac).check(n -> after.guest(guest).flatMap(g -> g.nic(mac))
                .map(still -> guest + " still has a NIC with MAC " + mac));
    }

    @Override
    public Operation inverse() {
        return new NicMacOp(guest, newMac, mac, type, source, scope);
    }
}
