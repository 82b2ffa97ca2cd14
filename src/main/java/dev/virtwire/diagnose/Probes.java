package dev.virtwire.diagnose;

import java.util.Optional;

/**
 * Active checks run from the host side, where the snapshot alone cannot tell. Every method answers
 * empty when probing is not possible (the demo host, unit tests), so rules say "not checked" instead of
 * guessing.
 */
public interface Probes {

    /** Whether these probes really touch a host. */
    boolean active();

    /**
     * Pings {@code address} from the host ({@code ping -6} for an IPv6 one), optionally with a source address (e.g. a
     * routed network's).
     */
    Optional<ProbeRun> ping(String address, Optional<String> fromAddress);

    /** Asks on {@code link} who has {@code address}: every MAC that answers is listed. */
    Optional<ProbeRun> arping(String link, String address);

    /** A few seconds of the frames a guest MAC sends on its tap: its real source IP, its ARP and DHCP requests. */
    Optional<ProbeRun> capture(String tap, String mac);

    /**
     * Starts {@code probe} in the background, for a diagnosis that will most likely ask for it: its seconds then
     * pass while the other probes run, and the rule that asks later gets the same run. Probes that cannot run
     * ahead ignore it.
     */
    default void ahead(java.util.function.Consumer<Probes> probe) {
    }

    /** libvirt's DHCP lease table of a network. */
    Optional<ProbeRun> leases(String network);

    /** The bridge's forwarding database: on which port each MAC was last seen. */
    Optional<ProbeRun> fdb(String bridge);

    /**
     * The bridge's forwarding database read several times across the few seconds the capture takes, the first
     * read being {@link #fdb}'s: where a MAC flaps between two ports. Probes that cannot sample answer that one
     * read; empty where nothing is probed.
     */
    default Optional<FdbReads> fdbReads(String bridge) {
        return fdb(bridge).map(FdbReads::once);
    }

    /** Every bridge port with its STP state ({@code bridge link show}). */
    Optional<ProbeRun> bridgePorts();

    /** The dnsmasq processes running on the host, with their command lines. */
    Optional<ProbeRun> dhcpServers();

    /**
     * The IPv6 neighbours on {@code link} after asking every node there ({@code ping -6 ff02::1%LINK}, from the
     * host's global address {@code from} when it has one, so that guests answer from their global addresses):
     * where SLAAC addresses show up. Empty where nothing is probed.
     */
    default Optional<ProbeRun> ipv6Neighbours(String link, Optional<String> from) {
        return Optional.empty();
    }

    /**
     * The host's IPv6 neighbour table on {@code link} as it is ({@code ip -6 neigh show dev LINK}): which routers
     * and hosts there answered neighbour solicitations (REACHABLE, STALE) or did not (FAILED, INCOMPLETE).
     */
    default Optional<ProbeRun> neighbours6(String link) {
        return Optional.empty();
    }

    /**
     * The host's packet filter read again, for its counters: what moved since the snapshot was read. Empty
     * where nothing is read (the demo, unit tests) or the read failed.
     */
    default Optional<dev.virtwire.model.FirewallState> firewallNow() {
        return Optional.empty();
    }

    /**
     * The probes for one diagnosis: a fact probed once is shared by its rules, and the next diagnosis
     * probes again (the host may have changed in between).
     */
    default Probes forOneDiagnosis() {
        return this;
    }

    /** Probes that never run anything. */
    static Probes none() {
        return NoProbes.INSTANCE;
    }
}
