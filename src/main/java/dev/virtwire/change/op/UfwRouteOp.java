package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.UfwCommands;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.UfwRoutes;
import java.util.List;
import java.util.Optional;

/**
 * ufw's own route rules for a bridge ({@code ufw route allow in on BR}, {@code out on BR}) added or deleted:
 * the fix where ufw's forward policy, or a route rule of the user's that denies all the bridge sends, drops the
 * guests' traffic (then they go ahead of ufw's rules: {@code ahead}). ufw saves them; undo deletes exactly those
 * two. A journal written before {@code ahead} existed reads it as false, which is what those changes did.
 */
public record UfwRouteOp(String bridge, boolean present, boolean ahead) implements Operation {

    @Override
    public String describe() {
        return present ? "Let " + bridge + "'s traffic through ufw with its own route rules" + (ahead ? ", ahead of "
                + "the route rule that denies it" : "") + " (saved by ufw: there after ufw reload and a reboot)"
                : "Delete ufw's route rules for " + bridge;
    }

    @Override
    public List<HostCommand> commands() {
        return UfwCommands.routeAllow(bridge, present, ahead).stream().<HostCommand>map(HostCommand.Run::new)
                .toList();
    }

    @Override
    public List<Id> subjects() {
        return List.of(new Id.BridgeAccept(bridge));
    }

    @Override
    public Optional<String> drift(HostSnapshot now) {
        return UfwRoutes.allow(now.firewall(), bridge) != present ? Optional.empty()
                : Optional.of("ufw " + (present ? "already lets " : "no longer lets ") + bridge + "'s traffic through");
    }

    @Override
    public void apply(Host host) {
        host.firewall().setUfwRoute(bridge, present, ahead);
    }

    @Override
    public Optional<String> unverified(HostSnapshot after) {
        if (UfwRoutes.allow(after.firewall(), bridge) != present) {
            return Optional.of("ufw's chain " + UfwRoutes.CHAIN + (present ? " does not list " : " still lists ")
                    + bridge + "'s route rules");
        }
        return present && ahead && !UfwRoutes.allowAhead(after.firewall(), bridge)
                ? Optional.of("ufw's chain " + UfwRoutes.CHAIN + " lists " + bridge + "'s route rules after a rule "
                + "that denies") : Optional.empty();
    }

    @Override
    public Operation inverse() {
        return new UfwRouteOp(bridge, !present, ahead);
    }
}
