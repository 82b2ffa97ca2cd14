package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.NftablesConfBlock;
import dev.virtwire.host.SavedConfigCommands;
import dev.virtwire.model.DockerAcceptMark;
import dev.virtwire.model.ForwardAccept;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.PortForwardAccept;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes /etc/nftables.conf with Virtwire's block changed (an accept, a port forward's accept or the mark Docker's
 * bridge-accept-fwmark lets through, saved or taken out), so that the nftables service makes them again at boot
 * and on reload. Written as every saved file is (SavedConfigCommands.write);
 * its inverse writes back exactly what was there.
 */
public record NftablesConfOp(String bridge, String before, String after) implements Operation {

    @Override
    public String describe() {
        List<String> were = NftablesConfBlock.block(before);
        List<String> are = NftablesConfBlock.block(after);
        boolean saving = are.size() > were.size();
        List<String> changed = (saving ? are : were).stream().filter(l -> !(saving ? were : are).contains(l)).toList();
        return (saving ? "Save " : "Stop saving ") + bridge + "'s " + what(changed) + " in " + NftablesConfBlock.PATH
                + " (Virtwire's block at its end" + (saving ? ": there after a reboot and the nftables service's "
                + "reload" : "") + ")";
    }

    /** What the changed lines of the block are, by the comment each rule carries (a table or chain has none). */
    private static String what(List<String> changed) {
        List<String> kinds = new ArrayList<>();
        if (changed.stream().anyMatch(l -> l.contains(ForwardAccept.COMMENT_PREFIX))) {
            kinds.add("accept");
        }
        if (changed.stream().anyMatch(l -> l.contains(PortForwardAccept.COMMENT_PREFIX))) {
            kinds.add("port forward's accept");
        }
        if (changed.stream().anyMatch(l -> l.contains(DockerAcceptMark.COMMENT_PREFIX))) {
            kinds.add("mark for Docker's bridge-accept-fwmark");
        }
        return kinds.isEmpty() ? "rules" : String.join(" and ", kinds);
    }

    @Override
    public List<HostCommand> commands() {
        return List.copyOf(SavedConfigCommands.write(NftablesConfBlock.file(after)));
    }

    @Override
    public List<Id> subjects() {
        return List.of(new Id.BridgeAccept(bridge));
    }

    @Override
    public Optional<String> drift(HostSnapshot now) {
        return now.firewall().nftablesConf().filter(before::equals).isPresent() ? Optional.empty()
                : Optional.of(NftablesConfBlock.PATH + " changed since this step was planned");
    }

    @Override
    public void apply(Host host) {
        host.firewall().setNftablesConf(bridge, after);
    }

    @Override
    public Optional<String> unverified(HostSnapshot after) {
        return after.firewall().nftablesConf().filter(this.after::equals).isPresent() ? Optional.empty()
                : Optional.of(NftablesConfBlock.PATH + " does not say what was written");
    }

    @Override
    public Operation inverse() {
        return new NftablesConfOp(bridge, after, before);
    }
}
