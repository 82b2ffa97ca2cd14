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
 * restarted network's new bridge: starting re-attaches the NICs listed in {@code replug} ("guest/MAC").
 */
public record NetworkActiveOp(String network, boolean active, List<Id.Nic> replug) implements Operation {

    public NetworkActiveOp {
        replug = List.copyOf(replug);
    }

    @Override
    public String describe() {
        return (active ? "Start" : "Stop") + " network " + network
                + (active && !replug.isEmpty() ? " and re-plug " + replug.size() + " running guest NIC(s)" : "");
    }

    @Override
    public List<HostCommand> commands() {
        return List.of(LibvirtCalls.networkActive(network, active));
    }

    /** With the re-plugs, whose taps and bridge only the host knows when it runs them. */
    @Override
    public List<String> preview() {
        List<String> lines = new ArrayList<>(HostCommand.shown(commands()));
        if (active) {
            lines.addAll(NetworkReplug.preview(network, replug));
        }
        return lines;
    }

    @Override
    public List<Id> subjects() {
        return NetworkReplug.subjects(network, replug);
    }

    @Override
    public Optional<String> drift(HostSnapshot now) {
        return Lookup.network(now, network).check(n -> n.active() != active ? Optional.empty()
                : Optional.of("network " + network + " is already " + (active ? "active" : "inactive")));
    }

    @Override
    public void apply(Host host) {
        host.virtualNetworks().setNetworkActive(network, active);
        if (active) {
            NetworkReplug.apply(host, network, replug);
        }
    }

    @Override
    public Optional<String> unverified(HostSnapshot after) {
        return Lookup.network(after, network).check(n -> n.active() == active
                ? (active ? NetworkReplug.unverified(after, network, replug) : Optional.empty())
                : Optional.of("network " + network + " is still " + (active ? "inactive" : "active")));
    }

    @Override
    public Operation inverse() {
        return new NetworkActiveOp(network, !active, replug);
    }
}
