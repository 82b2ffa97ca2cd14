package dev.virtwire.diagnose.rules;

import dev.virtwire.change.NetworkIntent;
import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Fix;
import dev.virtwire.diagnose.ProbeRun;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.model.Id;
import dev.virtwire.model.IpAddress;
import dev.virtwire.model.Ipv4;
import dev.virtwire.model.NetworkMode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A routed network is not translated: the LAN must know that its subnet lies behind this host. The only
 * way to tell from here is to try: ping the target from the network's own address. Two repairs: the route
 * on the router (preferred: the guests stay reachable from the LAN), or, in one click on this host, NAT.
 * IPv6 is routed in NAT mode too (libvirt translates only IPv4): its prefix needs the route whatever the mode,
 * and only the router can give it.
 */
public final class RoutedNoReturnRoute implements Rule {

    @Override
    public Set<Catalog> makes() {
        return Set.of(Catalog.ROUTED_NO_RETURN_ROUTE);
    }

    @Override
    public List<Finding> check(Situation s) {
        if (s.destination().ipv6()) {
            return checkIpv6(s);
        }
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
        if (!plain.get().ran()) {
            s.couldNotCheckBlocking("whether the LAN routes " + subnet + " back to this host (ping): "
                    + plain.get().why());
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
                        new NetworkIntent.SetNetworkMode(network, NetworkMode.NAT, Optional.empty(), Optional.empty(),
                                Optional.empty())))
                .withSteps("prefer the route on the LAN's router when you can change it: the guests stay reachable "
                                + "from the LAN; " + step,
                        "the one-click fix (NAT) is for when you cannot change the router: with NAT the LAN loses "
                                + "inbound reachability to the guests (port forwards can give some back)"));
    }

    /**
     * ping -6 from the host, then from the network's own IPv6 address; when the host itself gets no answer, its
     * neighbour table on the uplink says whether the router or the target answer neighbour solicitations.
     */
    private static List<Finding> checkIpv6(Situation s) {
        boolean routes = s.path().mode().filter(m -> m == NetworkMode.ROUTE || m == NetworkMode.NAT).isPresent();
        List<IpAddress> prefixes = Ipv6Facts.networkPrefixes(s);
        if (!routes || !s.goesOutside() || s.targetAddress().isEmpty() || prefixes.isEmpty()) {
            return List.of();
        }
        IpAddress prefix = prefixes.get(0);
        String target = s.targetAddress().get();
        String uplink = Ipv6Facts.uplinks(s).stream().findFirst().orElse("the uplink");
        String hostAddress = Ipv6Facts.linkGlobals(s, uplink).stream().findFirst().map(IpAddress::ip)
                .orElse("THIS-HOST");
        String step = "on the LAN's router: ip -6 route add " + prefix.subnet() + " via " + hostAddress;
        Optional<ProbeRun> plain = s.probes().ping(target, Optional.empty());
        if (plain.isEmpty()) {
            // unprobed, a routed network's return route is in doubt as for IPv4; a NAT network's IPv6 is routed
            // too, but most who run one never meant to route it: said, without doubting what the rules found
            String what = "whether the LAN routes " + prefix.subnet() + " back to this host (" + step
                    + " must exist there); this needs an active probe";
            if (s.path().mode().get() == NetworkMode.ROUTE) {
                s.couldNotCheckBlocking(what);
            } else {
                s.couldNotCheck(what);
            }
            return List.of();
        }
        if (!plain.get().ran()) {
            s.couldNotCheckBlocking("whether the LAN routes " + prefix.subnet() + " back to this host (ping -6): "
                    + plain.get().why());
            return List.of();
        }
        if (!plain.get().ok()) {
            String neighbours = s.probes().neighbours6(uplink).map(n -> ": $ " + n.command() + "\n" + n.output().strip())
                    .orElse("");
            s.couldNotCheckBlocking("whether the LAN routes " + prefix.subnet() + " back: " + target
                    + " does not answer the host itself over IPv6" + neighbours);
            return List.of();
        }
        ProbeRun fromNetwork = s.probes().ping(target, Optional.of(prefix.ip())).orElseThrow();
        if (fromNetwork.ok()) {
            return List.of();
        }
        return List.of(Finding.of(Catalog.ROUTED_NO_RETURN_ROUTE, "The LAN has no route back to "
                        + s.path().network().map(n -> "network " + n.name() + "'s ").orElse("") + "IPv6 prefix "
                        + prefix.subnet() + ": " + target + " answers the host but not an address of it")
                .withEvidence(plain.get().evidence())
                .withEvidence(fromNetwork.evidence())
                .withEvidence("libvirt routes IPv6 in " + s.path().mode().get().json() + " mode (only IPv4 is "
                        + "translated), so the LAN must route the prefix to this host")
                .withNodes(new Id.Link(uplink), new Id.Outside())
                .withSteps(step));
    }
}
