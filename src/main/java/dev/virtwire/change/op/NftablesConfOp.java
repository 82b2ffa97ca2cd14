package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.NftablesConfBlock;
import dev.virtwire.host.SavedConfigCommands;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import java.util.List;
import java.util.Optional;

/**
 * Writes /etc/nftables.conf with Virtwire's block changed (an accept saved or taken out), so that the nftables
 * service makes the accept again at boot and on reload. Written as every saved file is (SavedConfigCommands.write);
 * its inverse writes back exactly what was there.
 */
public record NftablesConfOp(String bridge, String before, String after) implements Operation {

    @Override
    public String describe() {
        boolean saving = NftablesConfBlock.block(after).size() > NftablesConfBlock.block(before).size();
        return (saving ? "Save " : "Stop saving ") + bridge + "'s accept in " + NftablesConfBlock.PATH
                + " (Virtwire's block at its end" + (saving ? ": there after a reboot and the nftables service's "
                + "reload" : "") + ")";
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
