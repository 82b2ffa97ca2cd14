package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.LibvirtCalls;
import dev.virtwire.host.Scope;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Plugs or unplugs a guest NIC's virtual cable. */
public record NicLinkOp(String guest, String mac, boolean up, Scope scope) implements Operation, SavedConfigStep {

    @Override
    public Id savedConfigOf() {
        return new Id.Guest(guest);
    }

    @Override
    public String describe() {
        return (up ? "Plug in " : "Unplug ") + guest + "'s NIC " + mac;
    }

    /** One call per half, as {@code virsh domif-setlink} (and {@code --config}) makes them. */
    @Override
    public List<HostCommand> commands() {
        return List.copyOf(LibvirtCalls.nicLink(guest, mac, up, scope));
    }

    @Override
    public List<Id> subjects() {
        return List.of(new Id.Nic(guest, mac));
    }

    @Override
    public Optional<String> drift(HostSnapshot now) {
        return StillThere.nic(now, guest, mac).check(n -> n.linkUp() != up ? Optional.empty()
                : Optional.of(guest + "'s NIC " + mac + " is already " + (up ? "plugged in" : "unplugged")));
    }

    @Override
    public void apply(Host host) {
        host.guests().setNicLink(guest, mac, up, scope);
    }

    @Override
    public Optional<String> unverified(HostSnapshot after) {
        return StillThere.nic(after, guest, mac).check(n -> n.linkUp() == up ? Optional.empty()
                : Optional.of(guest + "'s NIC " + mac + " is still " + (up ? "unplugged" : "plugged in")));
    }

    @Override
    public Operation inverse() {
        return new NicLinkOp(guest, mac, !up, scope);
    }
}
