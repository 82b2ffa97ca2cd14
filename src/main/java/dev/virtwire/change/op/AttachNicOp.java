package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.LibvirtCalls;
import dev.virtwire.host.Scope;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.NicType;
import java.util.List;
import java.util.Optional;

/** Points a guest NIC at another network, bridge or host device; MAC, model and PCI slot stay. */
public record AttachNicOp(String guest, String mac, NicType type, String source, NicType fromType,
                          String fromSource, Scope scope) implements Operation, SavedConfigStep {

    @Override
    public Id savedConfigOf() {
        return new Id.Guest(guest);
    }

    @Override
    public String describe() {
        return "Move " + guest + "'s NIC " + mac + " from " + fromType.json() + " " + fromSource + " to "
                + type.json() + " " + source;
    }

    /**
     * update-device keeps the PCI slot; detach-interface + attach-interface would not. One call per half (the
     * running guest, then its saved config), each with the NIC's type and source; the NIC's own model, link
     * state and PCI address stay.
     */
    @Override
    public List<HostCommand> commands() {
        return List.copyOf(LibvirtCalls.nicMove(guest, mac, fromType, type, source, scope));
    }

    @Override
    public List<Id> subjects() {
        return List.of(new Id.Nic(guest, mac), type == NicType.NETWORK ? new Id.Network(source) : new Id.Link(source));
    }

    @Override
    public Optional<String> drift(HostSnapshot now) {
        Optional<String> gone = switch (type) {
            case NETWORK -> now.network(source).isPresent() ? Optional.empty()
                    : Optional.of("network " + source + " no longer exists");
            case BRIDGE, DIRECT -> now.link(source).isPresent() ? Optional.empty()
                    : Optional.of("link " + source + " no longer exists");
            default -> Optional.empty();
        };
        return gone.or(() -> StillThere.nic(now, guest, mac).check(n -> at(n, fromType, fromSource)));
    }

    @Override
    public void apply(Host host) {
        host.guests().attachNic(guest, mac, type, source, scope);
    }

    @Override
    public Optional<String> unverified(HostSnapshot after) {
        return StillThere.nic(after, guest, mac).check(n -> at(n, type, source));
    }

    @Override
    public Operation inverse() {
        return new AttachNicOp(guest, mac, fromType, fromSource, type, source, scope);
    }

    private Optional<String> at(GuestNic nic, NicType wantedType, String wantedSource) {
        if (nic.type() == wantedType && nic.source().filter(wantedSource::equals).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(guest + "'s NIC " + mac + " is on " + nic.type().json() + " " + nic.source().orElse("?")
                + ", not on " + wantedType.json() + " " + wantedSource);
    }
}
