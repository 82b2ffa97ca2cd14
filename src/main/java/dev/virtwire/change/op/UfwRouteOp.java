package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.UfwCommands;
import dev.virtwire.model.FirewallState;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.UfwRouteChange;
import dev.virtwire.model.UfwRoutes;
import java.util.List;
import java.util.Optional;

/**
 * ufw's own route rules for a bridge ({@code ufw route allow in on BR}, {@code out on BR}) made or taken back: the fix
 * where ufw's forward policy, or a route rule of the user's, drops the guests' traffic. ufw saves them. Where the
 * user had a deny with one of their matches, ufw turns it into the allow and undo makes it the deny again
 * ({@code inBefore}, {@code outBefore}: see {@link UfwRouteChange}); new rules go ahead of ufw's where another deny
 * of the user's would stop them ({@code ahead}). A journal written before these existed reads them as "nothing
 * there, appended", which is what those changes did.
 */
public record UfwRouteOp(String bridge, boolean present, boolean ahead, String inBefore, String outBefore)
        implements Operation {

    public UfwRouteOp {
        inBefore = inBefore == null ? "" : inBefore;
        outBefore = outBefore == null ? "" : outBefore;
    }

    /** The change that lets the bridge through ufw, or takes that back, from what ufw has now. */
    public static UfwRouteOp of(FirewallState firewall, String bridge, boolean present) {
        UfwRouteChange allowing = UfwRoutes.allowing(firewall, bridge);
        return new UfwRouteOp(bridge, present, allowing.ahead(), allowing.inBefore(), allowing.outBefore());
    }

    private UfwRouteChange change() {
        return new UfwRouteChange(bridge, present, ahead, inBefore, outBefore);
    }

    @Override
    public String describe() {
        String updated = change().updates(UfwRouteChange.IN) || change().updates(UfwRouteChange.OUT)
                ? ", turning ufw's route deny for " + bridge + " into an allow" : "";
        return present ? "Let " + bridge + "'s traffic through ufw with its own route rules" + updated
                + (ahead ? ", ahead of the route rule that denies it" : "")
                + " (saved by ufw: there after ufw reload and a reboot)"
                : "Take back ufw's route rules for " + bridge + (updated.isEmpty() ? "" : " (the deny as it was)");
    }

    @Override
    public List<HostCommand> commands() {
        return UfwCommands.routeAllow(change()).stream().<HostCommand>map(HostCommand.Run::new).toList();
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
        host.firewall().setUfwRoute(change());
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
        return new UfwRouteOp(bridge, !present, ahead, inBefore, outBefore);
    }
}
