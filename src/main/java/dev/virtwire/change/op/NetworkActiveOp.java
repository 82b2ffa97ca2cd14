package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.LibvirtCalls;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code virsh net-start} / {@code net-destroy}. libvirt does not re-plug the taps of running guests into a
 * restarted network's new bridge: starting plugs the taps listed in {@code replug} into {@code bridge}, the
 * network's bridge when planned (empty in journals written before it was kept: then read when it runs).
 *
 * @param notSaved what of the rules libvirt makes when the network starts is not saved where the host's firewall
 *                 manager loads its rules from (iptables-persistent's rules.v4 without the network's masquerade),
 *                 said by the starting step; "" for nothing (and in journals written before)
 */
public record NetworkActiveOp(String network, boolean active, List<GuestTap> replug, Optional<String> bridge,
                              String notSaved) implements Operation {

    public NetworkActiveOp {
        replug = List.copyOf(replug);
        notSaved = notSaved == null ? "" : notSaved;
    }

    public NetworkActiveOp(String network, boolean active, List<GuestTap> replug, Optional<String> bridge) {
        this(network, active, replug, bridge, "");
    }

    /** Starts or stops a network that no running guest uses. */
    public NetworkActiveOp(String network, boolean active) {
        this(network, active, List.of(), Optional.empty());
    }

    @Override
    public String describe() {
        return (active ? "Start" : "Stop") + " network " + network
                + (active && !replug.isEmpty() ? " and re-plug " + replug.size() + " running guest NIC(s)" : "")
                + (active && !notSaved.isEmpty() ? " (libvirt makes its rules again; " + notSaved + ")" : "");
    }

    @Override
    public List<HostCommand> commands() {
        List<HostCommand> commands = new ArrayList<>(List.of(LibvirtCalls.networkActive(network, active)));
        if (active) {
            commands.addAll(NetworkReplug.commands(bridge, replug));
        }
        return commands;
    }

    /** With, for a step of an older journal, the re-plugs only the host can name when it runs them. */
    @Override
    public List<String> preview() {
        List<String> lines = new ArrayList<>(HostCommand.shown(commands()));
        if (active) {
            lines.addAll(NetworkReplug.unnamed(network, bridge, replug));
        }
        return lines;
    }

    @Override
    public List<Id> subjects() {
        return NetworkReplug.subjects(network, replug);
    }

    @Override
    public Optional<String> drift(HostSnapshot now) {
        return StillThere.network(now, network).check(n -> n.active() != active ? Optional.empty()
                : Optional.of("network " + network + " is already " + (active ? "active" : "inactive")));
    }

    @Override
    public void apply(Host host) {
        host.virtualNetworks().setNetworkActive(network, active);
        if (active) {
            NetworkReplug.apply(host, network, bridge, replug);
        }
    }

    @Override
    public Optional<String> unverified(HostSnapshot after) {
        return StillThere.network(after, network).check(n -> n.active() == active
                ? (active ? NetworkReplug.unverified(after, network, bridge, replug) : Optional.empty())
                : Optional.of("network " + network + " is still " + (active ? "inactive" : "active")));
    }

    @Override
    public Operation inverse() {
        return new NetworkActiveOp(network, !active, replug, bridge, notSaved);
    }
}
