package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.LibvirtXml;
import dev.virtwire.host.Scope;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.NicType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Points a guest NIC at another network, bridge or host device; MAC, model and PCI slot stay. */
public record AttachNicOp(String guest, String mac, NicType type, String source, NicType fromType,
                          String fromSource, Scope scope, Optional<String> model, boolean linkUp) implements Operation {

    @Override
    public String describe() {
        return "Move " + guest + "'s NIC " + mac + " from " + fromType.json() + " " + fromSource + " to "
                + type.json() + " " + source;
    }

    /**
     * update-device keeps the PCI slot; detach-interface + attach-interface would not. The whole
     * {@code <interface>} is sent with its current {@code <address>} element, shown here without it.
     */
    @Override
    public List<String> preview() {
        List<String> lines = new ArrayList<>();
        if (scope.live() && (type == NicType.DIRECT) != (fromType == NicType.DIRECT)) {
            // update-device refuses to turn a tap into a macvtap or back: the NIC is unplugged and plugged again
            lines.add(dev.virtwire.host.exec.CommandLine.of(List.of("virsh", "detach-interface", guest,
                    fromType.json(), "--mac", mac, "--live")));
            lines.add(dev.virtwire.host.exec.CommandLine.of(List.of("virsh", "attach-device", guest, "/dev/stdin",
                    "--live")));
            if (scope.config()) {
                lines.add(dev.virtwire.host.exec.CommandLine.of(List.of("virsh", "update-device", guest,
                        "/dev/stdin", "--config")));
            }
            lines.addAll(Lookup.indented(LibvirtXml.nicInterface(new GuestNic(mac, model, type, Optional.of(source),
                    Optional.empty(), Optional.empty(), linkUp, List.of(), List.of()))));
            return lines;
        }
        List<String> command = new ArrayList<>(List.of("virsh", "update-device", guest, "/dev/stdin"));
        command.addAll(Lookup.scopeFlags(scope));
        lines.add(dev.virtwire.host.exec.CommandLine.of(command));
        GuestNic after = new GuestNic(mac, model, type, Optional.of(source), Optional.empty(), Optional.empty(), linkUp,
                List.of(), List.of());
        lines.addAll(Lookup.indented(LibvirtXml.nicInterface(after)));
        return lines;
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
        return gone.or(() -> Lookup.nic(now, guest, mac).check(n -> at(n, fromType, fromSource)));
    }

    @Override
    public void apply(Host host) {
        host.attachNic(guest, mac, type, source, scope);
    }

    @Override
    public Optional<String> unverified(HostSnapshot after) {
        return Lookup.nic(after, guest, mac).check(n -> at(n, type, source));
    }

    @Override
    public Operation inverse() {
        return new AttachNicOp(guest, mac, fromType, fromSource, type, source, scope, model, linkUp);
    }

    private Optional<String> at(GuestNic nic, NicType wantedType, String wantedSource) {
        if (nic.type() == wantedType && nic.source().filter(wantedSource::equals).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(guest + "'s NIC " + mac + " is on " + nic.type().json() + " " + nic.source().orElse("?")
                + ", not on " + wantedType.json() + " " + wantedSource);
    }
}
