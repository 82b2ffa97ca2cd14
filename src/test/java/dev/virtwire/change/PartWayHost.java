package dev.virtwire.change;

import dev.virtwire.host.GuestNics;
import dev.virtwire.host.HostException;
import dev.virtwire.host.HostFirewall;
import dev.virtwire.host.LibvirtNetworks;
import dev.virtwire.host.ReadScope;
import dev.virtwire.host.Scope;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.DhcpHost;
import dev.virtwire.model.FirewallRule;
import dev.virtwire.model.FirewallState;
import dev.virtwire.model.ForwardAccept;
import dev.virtwire.model.Guest;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.NicType;
import dev.virtwire.model.PortForward;
import dev.virtwire.model.VirtualNetwork;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A host whose multi-command steps stop half-way, as a real one's can: a port forward gets its DNAT rule but
 * the firewall refuses its accept rule; a NIC change reaches the running guest but not its saved config,
 * which this host keeps apart from the running guest, as libvirt does.
 */
final class PartWayHost extends FailingHost {
    /** Forwards whose accept rule the firewall refused: a read shows only their DNAT rule. */
    private final Set<String> missingAccepts = new HashSet<>();
    private final Map<String, Guest> saved = new HashMap<>();
    private final Map<String, VirtualNetwork> savedNetworks = new HashMap<>();
    boolean refuseAccept;
    boolean refuseRemoval;
    boolean refuseSavedConfig;
    boolean ignoreSavedConfig;
    /** The process dies right after libvirt saved a guest's config, before the journal could say so. */
    boolean killAfterSavedConfig;
    /** Reads fail once something was written, as when the connection drops mid-change. */
    boolean unreadableAfterWrites;

    PartWayHost(SimulatedHost sim) {
        super(sim, 0, false);
    }

    @Override
    public HostFirewall firewall() {
        HostFirewall counted = super.firewall();
        return new HostFirewall() {
            @Override
            public void setPortForward(PortForward f, String from, boolean present) {
                if (present) {
                    counted.setPortForward(f, from, true);
                    if (refuseAccept) {
                        missingAccepts.add(f.comment());
                        throw new HostException("'iptables -w -t filter -I LIBVIRT_FWI ...' failed (exit 4): injected");
                    }
                    return;
                }
                if (refuseRemoval) {
                    throw new HostException("'iptables -w -t nat -D PREROUTING ...' failed (exit 4): injected");
                }
                counted.setPortForward(f, from, false);
                if (missingAccepts.remove(f.comment())) {
                    // the second delete finds no rule to delete, as on a real firewall
                    throw new HostException("'iptables -w -t filter -D LIBVIRT_FWI ...' failed (exit 1): Bad rule "
                            + "(does a matching rule exist in that chain?)");
                }
            }

            @Override
            public void setForwardAccept(ForwardAccept accept, boolean present) {
                counted.setForwardAccept(accept, present);
            }
        };
    }

    @Override
    public GuestNics guests() {
        GuestNics counted = super.guests();
        return new GuestNics() {
            @Override
            public void attachNic(String guest, String mac, NicType type, String source, Scope scope) {
                Guest before = savedGuest(guest).orElseThrow();
                if (scope.live()) {
                    counted.attachNic(guest, mac, type, source, scope);
                }
                if (scope.config()) {
                    if (refuseSavedConfig) {
                        throw new HostException("attaching NIC " + mac + " of " + guest + ": the running guest was "
                                + "changed but its saved config was not (injected); the change is lost at the next "
                                + "restart");
                    }
                    if (!ignoreSavedConfig) {
                        saved.put(guest, before.withNics(before.nics().stream()
                                .map(n -> n.mac().equals(mac) ? n.withSource(type, source) : n).toList()));
                    }
                    if (killAfterSavedConfig) {
                        throw new Killed();
                    }
                }
            }

            @Override
            public void setNicLink(String guest, String mac, boolean up, Scope scope) {
                counted.setNicLink(guest, mac, up, scope);
            }

            @Override
            public void setNicMac(String guest, String mac, String newMac, Scope scope) {
                counted.setNicMac(guest, mac, newMac, scope);
            }
        };
    }

    @Override
    public LibvirtNetworks virtualNetworks() {
        LibvirtNetworks counted = super.virtualNetworks();
        return new LibvirtNetworks() {
            @Override
            public void setDhcpHost(String network, DhcpHost host, boolean present, Scope scope) {
                savedNetwork(network);
                counted.setDhcpHost(network, host, present, scope);
                if (scope.config() && !ignoreSavedConfig) {
                    PartWayHost.super.snapshot().network(network).ifPresent(n -> savedNetworks.put(network, n));
                }
            }

            @Override
            public void setNetworkActive(String network, boolean active) {
                counted.setNetworkActive(network, active);
            }

            @Override
            public void defineNetwork(VirtualNetwork definition, Optional<String> bridgeMac) {
                counted.defineNetwork(definition, bridgeMac);
            }

            @Override
            public void undefineNetwork(String network) {
                counted.undefineNetwork(network);
            }
        };
    }

    @Override
    public Optional<VirtualNetwork> savedNetwork(String name) {
        if (!savedNetworks.containsKey(name)) {
            super.snapshot().network(name).ifPresent(n -> savedNetworks.put(name, n));
        }
        return Optional.ofNullable(savedNetworks.get(name));
    }

    @Override
    public Optional<Guest> savedGuest(String name) {
        if (!saved.containsKey(name)) {
            super.snapshot().guest(name).ifPresent(g -> saved.put(name, g));
        }
        return Optional.ofNullable(saved.get(name));
    }

    @Override
    public HostSnapshot snapshot() {
        return withoutMissingAccepts(super.snapshot());
    }

    @Override
    public HostSnapshot refresh(HostSnapshot base, ReadScope scope) {
        if (unreadableAfterWrites && writes() > 0) {
            throw new HostException("cannot recv data: connection reset (injected)");
        }
        return withoutMissingAccepts(super.refresh(base, scope));
    }

    private HostSnapshot withoutMissingAccepts(HostSnapshot s) {
        FirewallState fw = s.firewall();
        return s.withFirewall(fw.withRules(fw.rules().stream()
                .filter(r -> !(r.verdict().equals("ACCEPT") && r.comment().filter(missingAccepts::contains).isPresent()))
                .toList()));
    }

    static boolean hasRuleOf(HostSnapshot s, PortForward f) {
        return s.firewall().rules().stream().map(FirewallRule::comment).flatMap(Optional::stream)
                .anyMatch(f.comment()::equals);
    }
}
