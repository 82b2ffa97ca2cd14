package dev.virtwire.diagnose.rules;

import dev.virtwire.change.Intent;
import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Fix;
import dev.virtwire.diagnose.ProbeRun;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.model.Id;
import dev.virtwire.model.Ipv4;
import dev.virtwire.model.NetworkMode;
import java.util.List;
import java.util.Optional;

/**
 * A routed network is not translated: the LAN must know that its subnet lies behind this host. The only
 * way to tell from here is to try: ping the target from the network's own address. Two repairs: the route
 * on the router (preferred: the guests stay reachable from the LAN), or, in one click on this host, NAT.
 */
public final class RoutedNoReturnRoute implements Rule {

    @Override
    public List<Finding> check(Situation s) {
        if (s.path().mode().filter(m -> m == NetworkMode.ROUTE).isEmpty() || !s.goesOutside()
                || s.targetAddress().isEmpty() || s.path().subnet().isEmpty()) {
            return List.of();
        }
        String subnet = s.path().subnet().get().network().toString();
        String hostSide = s.path().subnet().get().ip();
        String target = s.targetAddress().get();
        String network = s.path().network().orElseThrow().name();
        String uplink = s.path().uplinks().stream().findFirst().orElse("the uplink");
        String hostAddress = s.path().uplinks().stream().flatMap(u -> s.link(u).stream())
                .flatMap(l -> l.addresses().stream()).flatMap(a -> Ipv4.tryParse(a).stream()).map(Ipv4::ip)
                .findFirst().orElse("THIS-HOST");
        String step = "on the LAN's router: ip route add " + subnet + " via " + hostAddress;
        Optional<ProbeRun> plain = s.probes().ping(target, Optional.empty());
        if (plain.isEmpty()) {
            s.couldNotCheckBlocking("whether the LAN routes " + subnet + " back to this host (" + step
                    + " must exist there); this needs an active probe");
            return List.of();
        }
        if (!plain.get().ok()) {
            s.couldNotCheckBlocking("whether the LAN routes " + subnet + " back: " + target
                    + " does not answer the host itself");
            return List.of();
        }
        ProbeRun fromNetwork = s.probes().ping(target, Optional.of(hostSide)).orElseThrow();
        if (fromNetwork.ok()) {
            return List.of();
        }
        return List.of(Finding.of(Catalog.ROUTED_NO_RETURN_ROUTE, "The LAN has no route back to routed network "
                        + subnet + ": " + target + " answers the host but not an address of " + subnet)
                .withEvidence(plain.get().evidence())
                .withEvidence(fromNetwork.evidence())
                .withNodes(new Id.Link(uplink), new Id.Outside())
                .withFix(new Fix("Switch network " + network + " to NAT: its guests reach the LAN behind this host's "
                        + "address, but the LAN can no longer reach them (undo switches it back)",
                        new Intent.SetNetworkMode(network, NetworkMode.NAT, Optional.empty(), Optional.empty(),
                                Optional.empty())))
                .withSteps("prefer the route on the LAN's router when you can change it: the guests stay reachable "
                                + "from the LAN; " + step,
                        "the one-click fix (NAT) is for when you cannot change the router: with NAT the LAN loses "
                                + "inbound reachability to the guests (port forwards can give some back)"));
    }
}
