package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.Scope;
import dev.virtwire.model.HostSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Plugs or unplugs a guest NIC's virtual cable. */
public record NicLinkOp(String guest, String mac, boolean up, Scope scope) implements Operation, GuestConfigStep {

    @Override
    public String describe() {
        return (up ? "Plug in " : "Unplug ") + guest + "'s NIC " + mac;
    }

    @Override
    public List<String> preview() {
        List<String> argv = new ArrayList<>(List.of("virsh", "domif-setlink", guest, mac, up ? "up" : "down"));
        if (scope.config()) {
            argv.add("--config");
        }
        List<String> lines = new ArrayList<>();
        if (scope == Scope.BOTH) {
            lines.add(dev.virtwire.host.exec.CommandLine.of(argv.subList(0, 5)));
        }
        lines.add(dev.virtwire.host.exec.CommandLine.of(argv));
        return lines;
    }

    @Override
    public List<String> subjects() {
        return List.of("nic:" + guest + "/" + mac);
    }

    @Override
    public Optional<String> drift(HostSnapshot now) {
        return Lookup.nic(now, guest, mac).check(n -> n.linkUp() != up ? Optional.empty()
                : Optional.of(guest + "'s NIC " + mac + " is already " + (up ? "plugged in" : "unplugged")));
    }

    @Override
    public void apply(Host host) {
        host.setNicLink(guest, mac, up, scope);
    }

    @Override
    public Optional<String> unverified(HostSnapshot after) {
        return Lookup.nic(after, guest, mac).check(n -> n.linkUp() == up ? Optional.empty()
                : Optional.of(guest + "'s NIC " + mac + " is still " + (up ? "unplugged" : "plugged in")));
    }

    @Override
    public Operation inverse() {
        return new NicLinkOp(guest, mac, !up, scope);
    }
}
