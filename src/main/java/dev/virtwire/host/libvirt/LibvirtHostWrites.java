package dev.virtwire.host.libvirt;

import dev.virtwire.host.GuestNics;
import dev.virtwire.host.HostException;
import dev.virtwire.host.HostFirewall;
import dev.virtwire.host.KernelLinks;
import dev.virtwire.host.LibvirtNetworks;
import dev.virtwire.host.PortForwardRules;
import dev.virtwire.host.RevertWatchdog;
import dev.virtwire.host.Scope;
import dev.virtwire.host.Sysctl;
import dev.virtwire.host.SysctlConf;
import dev.virtwire.host.kernel.KernelChanges;
import dev.virtwire.model.BridgeSettings;
import dev.virtwire.model.DhcpHost;
import dev.virtwire.model.ForwardAccept;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.NicType;
import dev.virtwire.model.PortForward;
import dev.virtwire.model.Route;
import dev.virtwire.model.VirtualNetwork;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The change side of {@link LibvirtHost}, one part per area: guests and networks change through libvirt over
 * the current connection, links, addresses, routes and firewall rules through the kernel's commands at the
 * host's target; after each change the host is asked to read itself again.
 */
final class LibvirtHostWrites {
    final GuestNics guests;
    final LibvirtNetworks networks;
    final KernelLinks kernel;
    final HostFirewall firewall;
    final Sysctl sysctl;
    final RevertWatchdog watchdog;

    private final Supplier<LibvirtSession> session;
    private final KernelChanges kernelChanges;
    private final Supplier<HostSnapshot> snapshot;
    private final Consumer<Id[]> changed;

    /**
     * @param session the current libvirt connection (a new one after libvirtd restarted)
     * @param snapshot a fresh read of the whole host
     * @param changed told what Virtwire changed: watchers must hear of it
     */
    LibvirtHostWrites(Supplier<LibvirtSession> session, KernelChanges kernelChanges, Supplier<HostSnapshot> snapshot,
                      Consumer<Id[]> changed) {
        this.session = session;
        this.kernelChanges = kernelChanges;
        this.snapshot = snapshot;
        this.changed = changed;
        this.guests = new Guests();
        this.networks = new Networks();
        this.kernel = new Kernel();
        this.firewall = new Firewall();
        this.sysctl = new Sysctls();
        this.watchdog = new Watchdog();
    }

    private final class Sysctls implements Sysctl {
        @Override
        public void setIpForward(boolean on) {
            kernelChanges().setIpForward(on);
            changed(new Id.Sysctl("net.ipv4.ip_forward"));
        }

        @Override
        public void setLinkForwarding(String link, boolean on) {
            kernelChanges().setLinkForwarding(link, on);
            changed(new Id.Sysctl(SysctlConf.forwardingKey(Optional.of(link))), new Id.Link(link));
        }

        @Override
        public void setIpv6Conf(String link, String key, int value) {
            kernelChanges().setIpv6Conf(link, key, value);
            changed(new Id.Sysctl(SysctlConf.ipv6Key(link, key)));
        }

        @Override
        public Optional<String> savedFile() {
            return kernelChanges().readSysctlConf();
        }

        @Override
        public void saveFile(Optional<String> expected, Optional<String> content) {
            kernelChanges().writeSysctlConf(expected, content);
        }
    }

    private final class Guests implements GuestNics {
        @Override
        public void attachNic(String guest, String mac, NicType type, String source, Scope scope) {
            inSession(s -> s.guests.attachNic(guest, mac, type, source, scope));
            changed(new Id.Nic(guest, mac), new Id.Tap(guest, mac));
        }

        @Override
        public void setNicLink(String guest, String mac, boolean up, Scope scope) {
            inSession(s -> s.guests.setNicLink(guest, mac, up, scope));
            changed(new Id.Tap(guest, mac));
        }

        @Override
        public void setNicMac(String guest, String mac, String newMac, Scope scope) {
            inSession(s -> s.guests.setNicMac(guest, mac, newMac, scope));
            changed(new Id.Nic(guest, mac), new Id.Nic(guest, newMac), new Id.Tap(guest, newMac));
        }
    }

    private final class Networks implements LibvirtNetworks {
        @Override
        public void setNetworkActive(String network, boolean active) {
            inSession(s -> s.guests.setNetworkActive(network, active));
            changed(new Id.Network(network));
        }

        @Override
        public void defineNetwork(VirtualNetwork definition, Optional<String> bridgeMac) {
            inSession(s -> s.networks.define(definition, bridgeMac));
            changed(new Id.Network(definition.name()));
        }

        @Override
        public void undefineNetwork(String network) {
            inSession(s -> s.networks.undefine(network));
            changed(new Id.Network(network));
        }

        @Override
        public void setDhcpHost(String network, DhcpHost host, boolean present, Scope scope) {
            inSession(s -> s.networks.setDhcpHost(network, host, present, scope));
            changed(new Id.Network(network));
        }
    }

    private final class Kernel implements KernelLinks {
        @Override
        public void setLinkUp(String link, boolean up) {
            kernelChanges().setUp(link, up);
            changed(new Id.Link(link));
        }

        @Override
        public void setLinkMaster(String link, Optional<String> master) {
            kernelChanges().setMaster(link, master);
            changed(new Id.Link(link));
        }

        @Override
        public void createBridge(String name, BridgeSettings settings, Optional<String> mac) {
            kernelChanges().createBridge(name, settings, mac);
            changed(new Id.Link(name));
        }

        @Override
        public void deleteBridge(String name) {
            kernelChanges().deleteBridge(name);
            changed(new Id.Link(name));
        }

        @Override
        public void createVlan(String name, String parent, int id) {
            kernelChanges().createVlan(name, parent, id);
            changed(new Id.Link(name));
        }

        @Override
        public void deleteVlan(String name) {
            kernelChanges().deleteVlan(name);
            changed(new Id.Link(name));
        }

        @Override
        public void setLinkMtu(String link, int mtu) {
            kernelChanges().setMtu(link, mtu);
            changed(new Id.Link(link));
        }

        @Override
        public void setLinkMac(String link, String mac) {
            kernelChanges().setMac(link, mac);
            changed(new Id.Link(link));
        }

        @Override
        public void setAddress(String link, String cidr, boolean present, Optional<Integer> prefixRouteMetric) {
            kernelChanges().setAddress(link, cidr, present, prefixRouteMetric);
            changed(new Id.Address(cidr), new Id.Route(cidr)); // with its prefix route
        }

        @Override
        public void setRoute(Route route, boolean present) {
            kernelChanges().setRoute(route, present);
            changed(new Id.Route(route.destination()));
        }
    }

    private final class Firewall implements HostFirewall {
        /** The firewall backend and the guest's bridge come from a fresh read: rules must match what is there. */
        @Override
        public void setPortForward(PortForward forward, String from, boolean present) {
            HostSnapshot now = snapshot();
            String bridge = PortForwardRules.bridgeFor(now, forward.guestIp()).orElseThrow(() -> new HostException(
                    forward.guestIp() + " is in no active libvirt network's subnet"));
            // a removal deletes the rules as they are (with the source they match), an addition as asked
            kernelChanges().setPortForward(now.firewall().backend(), forward, bridge, present,
                    PortForwardRules.acceptChainOf(now.firewall(), forward),
                    present ? from : PortForward.sourceOf(now.firewall(), forward));
            changed(new Id.PortForward(forward.comment()));
        }

        @Override
        public void setForwardAccept(ForwardAccept accept, boolean present) {
            kernelChanges().setForwardAccept(snapshot().firewall().backend(), accept, present);
            changed(new Id.BridgeAccept(accept.bridge()));
        }

        @Override
        public void setDockerAcceptMark(dev.virtwire.model.DockerAcceptMark mark, boolean present, boolean dropChain,
                                        boolean dropTable) {
            kernelChanges().setDockerAcceptMark(mark, present, dropChain, dropTable);
            changed(new Id.BridgeAccept(mark.bridge()));
        }

        @Override
        public void setNftablesConf(String bridge, String text) {
            kernelChanges().writeNftablesConf(text);
            changed(new Id.BridgeAccept(bridge));
        }

        @Override
        public void setFirewalldZone(String link, String zone, boolean present) {
            kernelChanges().setFirewalldZone(link, zone, present);
            changed(new Id.BridgeAccept(link));
        }

        @Override
        public void setPortForwardAccept(dev.virtwire.model.PortForwardAccept accept, boolean present) {
            kernelChanges().setPortForwardAccept(accept, present);
            changed(new Id.PortForward(accept.forward().comment()));
        }

        @Override
        public void setUfwRoute(dev.virtwire.model.UfwRouteChange change) {
            kernelChanges().setUfwRoute(change);
            changed(new Id.BridgeAccept(change.bridge()));
        }

        @Override
        public void setFirewalldForwardPort(PortForward forward, String zone, String from, boolean present) {
            kernelChanges().runAll(dev.virtwire.host.FirewalldCommands.forwardPort(zone, forward, from, present));
            changed(new Id.PortForward(forward.comment()));
        }

        @Override
        public void setFirewalldPolicyRule(String policy, String rule, String bridge, boolean present) {
            kernelChanges().runAll(dev.virtwire.host.FirewalldCommands.policyRichRule(policy, rule, present));
            changed(new Id.BridgeAccept(bridge));
        }

        @Override
        public void setFirewalldAccept(PortForward forward, String bridge, boolean present, boolean libvirtJump) {
            kernelChanges().runAll(dev.virtwire.host.FirewalldCommands.accept(forward, bridge, present, libvirtJump));
            changed(new Id.PortForward(forward.comment()));
        }

        @Override
        public void setRulesV4(PortForward forward, String text) {
            kernelChanges().writeRulesV4(text);
            changed(new Id.PortForward(forward.comment()));
        }

        @Override
        public void setRulesV4Accept(String bridge, String text) {
            kernelChanges().writeRulesV4(text);
            changed(new Id.BridgeAccept(bridge));
        }
    }

    private final class Watchdog implements RevertWatchdog {
        @Override
        public void armRevert(String id, List<String> ipBatch, Duration delay) {
            kernelChanges().armRevert(id, ipBatch, delay);
        }

        @Override
        public boolean disarmRevert(String id) {
            return kernelChanges().disarmRevert(id);
        }

        @Override
        public boolean revertRan(String id) {
            return kernelChanges().revertRan(id);
        }
    }

    /** A write on the current connection, which a reconnect closes only once the write is over. */
    private void inSession(Consumer<LibvirtSession> write) {
        session.get().using(write);
    }

    private KernelChanges kernelChanges() {
        return kernelChanges;
    }

    private HostSnapshot snapshot() {
        return snapshot.get();
    }

    private void changed(Id... subjects) {
        changed.accept(subjects);
    }
}
