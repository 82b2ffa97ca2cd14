package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.NftablesConfBlock;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import java.util.List;
import java.util.Optional;

/**
 * Writes /etc/nftables.conf with Virtwire's block changed (a bridge's accept saved or taken out), so that the
 * nftables service makes the accept again at boot and on reload. The whole file is written in place ({@code tee}),
 * not beside itself and renamed over (SavedConfigCommands.write): where the file is a bind mount, as the lab's
 * per-namespace /etc/nftables.conf is, a rename over it fails ("Device or resource busy") and the staged file
 * would land in the /etc underneath. Its inverse writes back exactly what was there.
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
        return List.of(new HostCommand.Run(List.of("tee", NftablesConfBlock.PATH), after));
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
