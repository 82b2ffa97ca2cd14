package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.RulesV4Blocks;
import dev.virtwire.host.SavedConfigCommands;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.PortForward;
import java.util.List;
import java.util.Optional;

/**
 * Writes iptables-persistent's /etc/iptables/rules.v4 with a port forward saved in Virtwire's blocks or taken
 * out of them, so that the forward is there again after a reboot. The whole file is written beside itself and
 * renamed over the old one; the inverse writes back exactly what was there.
 */
public record RulesV4Op(PortForward forward, String before, String after) implements Operation {

    @Override
    public String describe() {
        boolean saving = RulesV4Blocks.saves(after, forward);
        return (saving ? "Save " : "Stop saving ") + "the port forward " + forward.describe() + " in "
                + RulesV4Blocks.PATH + (saving ? " (Virtwire's blocks in its nat and filter sections: there after a "
                + "reboot, when iptables-persistent loads the file before libvirt starts)" : "");
    }

    @Override
    public List<HostCommand> commands() {
        return List.copyOf(SavedConfigCommands.write(RulesV4Blocks.file(after)));
    }

    @Override
    public List<Id> subjects() {
        return List.of(new Id.PortForward(forward.comment()));
    }

    @Override
    public Optional<String> drift(HostSnapshot now) {
        return RulesV4Checks.drift(now, before);
    }

    @Override
    public void apply(Host host) {
        host.firewall().setRulesV4(forward, after);
    }

    @Override
    public Optional<String> unverified(HostSnapshot now) {
        return RulesV4Checks.unverified(now, after);
    }

    @Override
    public Operation inverse() {
        return new RulesV4Op(forward, after, before);
    }
}
