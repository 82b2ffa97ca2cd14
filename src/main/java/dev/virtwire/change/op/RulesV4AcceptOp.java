package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.RulesV4Blocks;
import dev.virtwire.host.SavedConfigCommands;
import dev.virtwire.model.ForwardAccept;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import java.util.List;
import java.util.Optional;

/**
 * Writes iptables-persistent's /etc/iptables/rules.v4 with a bridge's accept saved in Virtwire's filter block or
 * taken out of it, so that the accept is there again after a reboot, ahead of libvirt's jumps. Written as a port
 * forward's save is (beside itself, then renamed over it); the inverse writes back exactly what was there.
 */
public record RulesV4AcceptOp(String bridge, String before, String after) implements Operation {

    @Override
    public String describe() {
        boolean saving = RulesV4Blocks.savesAccept(after, accept());
        return (saving ? "Save " : "Stop saving ") + bridge + "'s accept in " + RulesV4Blocks.PATH
                + (saving ? " (Virtwire's block at the head of its filter section: there after a reboot, ahead of "
                + "libvirt's jumps, when iptables-persistent loads the file before libvirt starts)" : "");
    }

    @Override
    public List<HostCommand> commands() {
        return List.copyOf(SavedConfigCommands.write(RulesV4Blocks.file(after)));
    }

    @Override
    public List<String> preview() {
        return FileDiff.afterWrite(commands(), FileDiff.of(RulesV4Blocks.PATH, before, after, true, true));
    }

    @Override
    public List<Id> subjects() {
        return List.of(new Id.BridgeAccept(bridge));
    }

    @Override
    public Optional<String> drift(HostSnapshot now) {
        return RulesV4Checks.drift(now, before);
    }

    @Override
    public void apply(Host host) {
        host.firewall().setRulesV4Accept(bridge, after);
    }

    @Override
    public Optional<String> unverified(HostSnapshot now) {
        return RulesV4Checks.unverified(now, after);
    }

    @Override
    public Operation inverse() {
        return new RulesV4AcceptOp(bridge, after, before);
    }

    /** The accept this file saves: iptables' FORWARD (the only chain Virtwire saves an accept of there). */
    private ForwardAccept accept() {
        return new ForwardAccept(bridge, "FORWARD");
    }
}
