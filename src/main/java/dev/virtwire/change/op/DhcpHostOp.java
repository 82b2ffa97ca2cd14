package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.LibvirtCalls;
import dev.virtwire.host.Scope;
import dev.virtwire.model.DhcpHost;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code virsh net-update NET add|delete ip-dhcp-host '<host mac=.. ip=../>' --live --config}; a DHCPv6 one
 * ({@code <host id=DUID ip=IPV6/>}) names the IPv6 {@code <ip>} by its place among the network's {@code <ip>}s
 * ({@code parentIndex}), since libvirt would otherwise pick the first one with DHCP, the IPv4 one.
 */
public record DhcpHostOp(String network, DhcpHost host, boolean present, Scope scope, Optional<Integer> parentIndex)
        implements Operation, SavedConfigStep {

    public DhcpHostOp {
        parentIndex = parentIndex == null ? Optional.empty() : parentIndex; // a journal written before IPv6
    }

    /** An IPv4 reservation (libvirt finds its {@code <ip>}). */
    public DhcpHostOp(String network, DhcpHost host, boolean present, Scope scope) {
        this(network, host, present, scope, Optional.empty());
    }

    @Override
    public Id savedConfigOf() {
        return new Id.Network(network);
    }

    @Override
    public String describe() {
        return (present ? "Reserve " : "Release the reservation of ") + host.ip() + " for " + client()
                + (host.mac().or(host::id).isPresent() ? host.name() : Optional.<String>empty()).map(n -> " (" + n + ")").orElse("") + " on network " + network;
    }

    @Override
    public List<HostCommand> commands() {
        return List.of(LibvirtCalls.dhcpHost(network, host, present, scope, parentIndex));
    }

    @Override
    public List<Id> subjects() {
        return List.of(new Id.Network(network));
    }

    @Override
    public Optional<String> drift(HostSnapshot now) {
        return StillThere.network(now, network).check(n -> reserved(now) != present ? Optional.empty()
                : Optional.of("network " + network + (present ? " already has " : " no longer has ")
                        + "the reservation " + client() + " -> " + host.ip()));
    }

    @Override
    public void apply(Host h) {
        h.virtualNetworks().setDhcpHost(network, host, present, scope);
    }

    @Override
    public Optional<String> unverified(HostSnapshot after) {
        return reserved(after) == present ? Optional.empty()
                : Optional.of("the reservation " + host.ip() + (present ? " is missing" : " is still there"));
    }

    @Override
    public Operation inverse() {
        return new DhcpHostOp(network, host, !present, scope, parentIndex);
    }

    private String client() {
        return host.mac().or(host::id).or(host::name).orElse("?");
    }

    private boolean reserved(HostSnapshot s) {
        return s.network(network).stream().flatMap(n -> java.util.stream.Stream.concat(n.ips().stream(),
                        n.ips6().stream())).flatMap(i -> i.dhcpHosts().stream())
                .anyMatch(host::equals);
    }
}
