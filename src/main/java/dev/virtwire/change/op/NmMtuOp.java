package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.SavedConfigCommands;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An MTU saved in the profile NetworkManager applies to the link now, and applied to it without taking it down:
 * the keyfile written and loaded ({@code profile}), then {@code nmcli device reapply LINK}, so that NetworkManager's
 * applied settings say what its profile says (with only the profile loaded, it keeps the old MTU as applied and may
 * set it again, at its next re-apply), then {@code ip link set} ({@code kernel}): the MTU NetworkManager itself
 * sets, and, for a profile back to no MTU of its own, the one the link had (NetworkManager then leaves the MTU as
 * it finds it). One step, so that undo writes the profile back before NetworkManager re-applies it.
 *
 * @param profile the keyfile change, loaded and not activated
 * @param kernel  the MTU set in what runs (its {@code from}: what the link runs with before)
 */
public record NmMtuOp(NmProfileOp profile, LinkMtuOp kernel) implements Operation {

    @Override
    public String describe() {
        return profile.describe() + ", have NetworkManager apply it to " + kernel.link() + " (without taking it down)"
                + " and set the MTU from " + kernel.from() + " to " + kernel.mtu();
    }

    @Override
    public List<HostCommand> commands() {
        List<HostCommand> out = new ArrayList<>(profile.commands());
        out.add(new HostCommand.Run(SavedConfigCommands.nmcliReapply(kernel.link())));
        out.addAll(kernel.commands());
        return List.copyOf(out);
    }

    /** The profile's commands with its diff, then NetworkManager's re-apply and the kernel's MTU. */
    @Override
    public List<String> preview() {
        List<String> out = new ArrayList<>(profile.preview());
        out.add(String.join(" ", SavedConfigCommands.nmcliReapply(kernel.link())));
        out.addAll(kernel.preview());
        return out;
    }

    @Override
    public List<Id> subjects() {
        return profile.subjects();
    }

    @Override
    public Optional<String> drift(HostSnapshot now) {
        return kernel.drift(now);
    }

    @Override
    public void apply(Host host) {
        profile.apply(host);
        host.savedConfig().run(SavedConfigCommands.nmcliReapply(kernel.link()));
        kernel.apply(host);
    }

    @Override
    public Optional<String> unverified(HostSnapshot after) {
        return kernel.unverified(after);
    }

    @Override
    public Operation inverse() {
        return new NmMtuOp((NmProfileOp) profile.inverse(), (LinkMtuOp) kernel.inverse());
    }

    @Override
    public boolean risky() {
        return kernel.risky();
    }
}
