package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.LibvirtCalls;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.VirtualNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Defines a new libvirt network ({@code from} empty), removes one ({@code to} empty), or replaces a
 * network's definition. A replaced definition of an active network only takes effect when the network
 * restarts, so this step restarts it and plugs the running guests' taps listed in {@code replug} into the new
 * definition's bridge.
 * {@code bridgeMac} is the bridge MAC of a network defined anew, so that delete-then-undo or create-undo-redo
 * brings back the same bridge.
 */
public record NetworkDefinitionOp(String name, Optional<VirtualNetwork> from, Optional<VirtualNetwork> to,
                                  boolean restart, List<GuestTap> replug, Optional<String> bridgeMac)
        implements Operation {

    public NetworkDefinitionOp {
        // a definition has no leases: what the network's DHCP server handed out is no part of it, nor of the journal
        from = from.map(n -> n.withLeases(List.of()));
        to = to.map(n -> n.withLeases(List.of()));
        replug = List.copyOf(replug);
    }

    @Override
    public String describe() {
        if (from.isEmpty()) {
            return "Define network " + name + " (" + to.orElseThrow().mode().json() + ")";
        }
        if (to.isEmpty()) {
            return "Remove the definition of network " + name;
        }
        return "Redefine network " + name + " from " + from.get().mode().json() + " to " + to.get().mode().json()
                + (restart ? " and restart it" : "");
    }

    @Override
    public List<HostCommand> commands() {
        if (to.isEmpty()) {
            return List.of(LibvirtCalls.networkUndefine(name));
        }
        List<HostCommand> calls = new ArrayList<>(LibvirtCalls.networkDefinition(to.get(),
                from.isEmpty() ? bridgeMac : Optional.empty()));
        if (restart) {
            calls.add(LibvirtCalls.networkActive(name, false));
            calls.add(LibvirtCalls.networkActive(name, true));
            calls.addAll(NetworkReplug.commands(to.get().bridge(), replug));
        }
        return calls;
    }

    /** With, for a step of an older journal, the re-plugs only the host can name when it runs them. */
    @Override
    public List<String> preview() {
        List<String> lines = new ArrayList<>(HostCommand.shown(commands()));
        if (restart && to.isPresent() && to.get().bridge().isPresent()) {
            lines.addAll(NetworkReplug.unnamed(name, to.get().bridge(), replug));
        }
        return lines;
    }

    @Override
    public List<Id> subjects() {
        return NetworkReplug.subjects(name, replug);
    }

    @Override
    public Optional<String> drift(HostSnapshot now) {
        Optional<VirtualNetwork> current = now.network(name);
        if (from.isEmpty()) {
            return current.map(n -> "a network named " + name + " exists already");
        }
        if (current.isEmpty()) {
            return Optional.of("network " + name + " no longer exists");
        }
        if (to.isEmpty() && current.get().active()) {
            return Optional.of("network " + name + " is active");
        }
        return sameDefinition(current.get(), from.get()) ? Optional.empty()
                : Optional.of("network " + name + " is now " + summary(current.get()) + ", not " + summary(from.get()));
    }

    @Override
    public void apply(Host host) {
        if (to.isEmpty()) {
            host.virtualNetworks().undefineNetwork(name);
            return;
        }
        if (from.isEmpty()) {
            host.virtualNetworks().defineNetwork(to.get(), bridgeMac);
        } else {
            host.virtualNetworks().defineNetwork(to.get(), Optional.empty());
        }
        if (restart) {
            try {
                // stopped already when this step (or the one it takes back) was cut off half-way
                if (host.snapshot().network(name).filter(VirtualNetwork::active).isPresent()) {
                    host.virtualNetworks().setNetworkActive(name, false);
                }
                host.virtualNetworks().setNetworkActive(name, true);
                NetworkReplug.apply(host, name, to.get().bridge(), replug);
            } catch (RuntimeException e) {
                restoreAfterFailedRestart(host, e);
                throw e;
            }
        }
    }

    /** A restart that failed half-way leaves the network stopped: bring back the old definition, running. */
    private void restoreAfterFailedRestart(Host host, RuntimeException failure) {
        try {
            if (host.snapshot().network(name).filter(VirtualNetwork::active).isPresent()) {
                host.virtualNetworks().setNetworkActive(name, false);
            }
            host.virtualNetworks().defineNetwork(from.orElseThrow(), Optional.empty());
            host.virtualNetworks().setNetworkActive(name, true);
            NetworkReplug.apply(host, name, from.orElseThrow().bridge(), replug);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public Optional<String> unverified(HostSnapshot after) {
        Optional<VirtualNetwork> current = after.network(name);
        if (to.isEmpty()) {
            return current.map(n -> "network " + name + " is still defined");
        }
        if (current.isEmpty()) {
            return Optional.of("network " + name + " is not defined");
        }
        if (!sameDefinition(current.get(), to.get())) {
            return Optional.of("network " + name + " is " + summary(current.get()) + ", not " + summary(to.get()));
        }
        return restart ? NetworkReplug.unverified(after, name, to.get().bridge(), replug) : Optional.empty();
    }

    @Override
    public Operation inverse() {
        return new NetworkDefinitionOp(name, to, from, restart, replug, bridgeMac);
    }

    /** What a definition decides; the run state, UUID and autostart are not part of it. */
    static boolean sameDefinition(VirtualNetwork a, VirtualNetwork b) {
        return a.mode() == b.mode() && Objects.equals(a.bridge(), b.bridge()) && a.devices().equals(b.devices())
                && a.ips().equals(b.ips()) && a.ips6().equals(b.ips6());
    }

    private static String summary(VirtualNetwork n) {
        return n.mode().json() + n.bridge().map(b -> " on " + b).orElse("") + (n.devices().isEmpty() ? ""
                : " via " + String.join(",", n.devices())) + (n.ips().isEmpty() ? "" : " " + n.ips().get(0).address())
                + (n.ips6().isEmpty() ? "" : " " + n.ips6().get(0).address() + n.ips6().get(0).dhcpRanges().stream()
                .map(r -> " DHCPv6 " + r.first() + "-" + r.last()).findFirst().orElse(""));
    }
}
