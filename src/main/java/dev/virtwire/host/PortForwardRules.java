package dev.virtwire.host;

import dev.virtwire.model.FirewallBackend;
import dev.virtwire.model.FirewallRule;
import dev.virtwire.model.PortForward;
import java.util.List;
import java.util.Optional;

/**
 * How a port forward is written to each firewall backend: a DNAT rule for the host port, and an accept for the
 * guest's bridge ahead of libvirt's reject (libvirt rejects new connections into a NAT network, DNATed ones
 * included). On iptables the accept goes to the head of FORWARD, ahead of libvirt's jumps: libvirt inserts its
 * own rules at the head of its LIBVIRT_FWI whenever a network starts (and at boot), which would put its reject
 * ahead of an accept there, but it adds its jumps into FORWARD only when they are missing. Forwards made before
 * have their accept in LIBVIRT_FWI ({@link #OLD_ACCEPT_CHAIN}). Both rules carry the forward's comment. Used by
 * real hosts to run, by the simulated host to pretend, and by previews to show.
 */
public final class PortForwardRules {
    public static final String NFT_TABLE = "virtwire";
    public static final String ACCEPT_CHAIN = "FORWARD";
    public static final String OLD_ACCEPT_CHAIN = "LIBVIRT_FWI";
    /** Virtwire's table goes once no forward is left in it: the ruleset is then as before the first forward. */
    public static final List<String> DELETE_OWN_TABLE = List.of("nft", "delete", "table", "ip", NFT_TABLE);

    private PortForwardRules() {
    }

    /** The rules as a firewall reader lists them after the forward was added. */
    public static List<FirewallRule> rules(FirewallBackend backend, PortForward f, String bridge) {
        return rules(backend, f, bridge, "");
    }

    /** As {@link #rules(FirewallBackend, PortForward, String)}, for connections from {@code from} only ("": all). */
    public static List<FirewallRule> rules(FirewallBackend backend, PortForward f, String bridge, String from) {
        String c = f.comment();
        String source = PortForward.source(from);
        Optional<String> src = source.isEmpty() ? Optional.empty() : Optional.of(source);
        if (backend == FirewallBackend.NFTABLES) {
            String saddr = source.isEmpty() ? "" : "ip saddr " + source + " ";
            return List.of(
                    rule("ip " + NFT_TABLE, "prerouting", "DNAT", src, Optional.empty(), f,
                            saddr + f.protocol() + " dport " + f.hostPort() + " dnat to " + f.guestIp() + ":"
                                    + f.guestPort() + " comment \"" + c + "\""),
                    rule("ip libvirt_network", "guest_input", "ACCEPT", src, Optional.of(bridge), f,
                            "oifname \"" + bridge + "\" " + saddr + "ip daddr " + f.guestIp() + " " + f.protocol()
                                    + " dport " + f.guestPort() + " ct status dnat accept comment \"" + c + "\""));
        }
        requireIptables(backend);
        String s = source.isEmpty() ? "" : " -s " + (source.contains("/") ? source : source + "/32");
        return List.of(
                rule("nat", "PREROUTING", "DNAT", src, Optional.empty(), f, "-A PREROUTING" + s + " -p "
                        + f.protocol() + " -m " + f.protocol() + " --dport " + f.hostPort() + " -m comment --comment "
                        + c + " -j DNAT --to-destination " + f.guestIp() + ":" + f.guestPort()),
                rule("filter", ACCEPT_CHAIN, "ACCEPT", src, Optional.of(bridge), f, "-A " + ACCEPT_CHAIN + s + " -d "
                        + f.guestIp() + "/32 -o " + bridge + " -p " + f.protocol() + " -m " + f.protocol()
                        + " --dport " + f.guestPort() + " -m conntrack --ctstate DNAT -m comment --comment " + c
                        + " -j ACCEPT"));
    }

    /** The argv that add the forward, in order. */
    public static List<List<String>> addCommands(FirewallBackend backend, PortForward f, String bridge) {
        return addCommands(backend, f, bridge, "");
    }

    /**
     * The argv that add the forward for connections from {@code from} only ("" for everyone): its DNAT and its
     * accept both match the source, so nobody else is forwarded or let in.
     */
    public static List<List<String>> addCommands(FirewallBackend backend, PortForward f, String bridge,
                                                 String from) {
        List<String> saddr = nftSource(from);
        if (backend == FirewallBackend.NFTABLES) {
            return List.of(
                    List.of("nft", "add", "table", "ip", NFT_TABLE),
                    List.of("nft", "add", "chain", "ip", NFT_TABLE, "prerouting", "{", "type", "nat", "hook",
                            "prerouting", "priority", "dstnat", ";", "}"),
                    concat(List.of("nft", "add", "rule", "ip", NFT_TABLE, "prerouting"), saddr,
                            List.of(f.protocol(), "dport", Integer.toString(f.hostPort()), "dnat", "to",
                                    f.guestIp() + ":" + f.guestPort(), "comment", "\"" + f.comment() + "\"")),
                    concat(List.of("nft", "insert", "rule", "ip", "libvirt_network", "guest_input", "oifname", bridge),
                            saddr, List.of("ip", "daddr", f.guestIp(), f.protocol(), "dport",
                                    Integer.toString(f.guestPort()), "ct", "status", "dnat", "accept", "comment",
                                    "\"" + f.comment() + "\"")));
        }
        requireIptables(backend);
        return List.of(iptables("-A", "nat", "PREROUTING", dnatSpec(f, from)), iptables("-I", "filter", ACCEPT_CHAIN,
                acceptSpec(f, bridge, from)));
    }

    /** nft's match on the source ({@code ip saddr FROM}), none for everyone. */
    private static List<String> nftSource(String from) {
        String source = PortForward.source(from);
        return source.isEmpty() ? List.of() : List.of("ip", "saddr", source);
    }

    /** iptables' match on the source ({@code -s FROM}), none for everyone. */
    private static List<String> iptablesSource(String from) {
        String source = PortForward.source(from);
        return source.isEmpty() ? List.of() : List.of("-s", source);
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> out = new java.util.ArrayList<>();
        for (List<String> p : parts) {
            out.addAll(p);
        }
        return List.copyOf(out);
    }

    /**
     * The commands that remove the forward. nftables deletes rules by handle, which only a fresh listing
     * knows: the first command lists the handles, the others use the handle of the rule with the comment.
     */
    public static List<List<String>> removeCommands(FirewallBackend backend, PortForward f, String bridge) {
        return removeCommands(backend, f, bridge, false, ACCEPT_CHAIN);
    }

    /**
     * As {@link #removeCommands(FirewallBackend, PortForward, String)}; then Virtwire's table too when it is empty.
     *
     * @param acceptChain on iptables, the chain the accept is in (FORWARD, or LIBVIRT_FWI for older forwards)
     */
    public static List<List<String>> removeCommands(FirewallBackend backend, PortForward f, String bridge,
                                                    boolean dropOwnTable, String acceptChain) {
        return removeCommands(backend, f, bridge, dropOwnTable, acceptChain, "");
    }

    /** As above, for a forward from {@code from} only: iptables deletes a rule by its whole match, source too. */
    public static List<List<String>> removeCommands(FirewallBackend backend, PortForward f, String bridge,
                                                    boolean dropOwnTable, String acceptChain, String from) {
        if (backend == FirewallBackend.NFTABLES && dropOwnTable) {
            List<List<String>> out = new java.util.ArrayList<>(removeCommands(backend, f, bridge, false, acceptChain,
                    from));
            out.add(DELETE_OWN_TABLE);
            return List.copyOf(out);
        }
        if (backend == FirewallBackend.NFTABLES) {
            return List.of(
                    List.of("nft", "-a", "list", "chain", "ip", NFT_TABLE, "prerouting"),
                    List.of("nft", "delete", "rule", "ip", NFT_TABLE, "prerouting", "handle",
                            "<handle of \"" + f.comment() + "\">"),
                    List.of("nft", "-a", "list", "chain", "ip", "libvirt_network", "guest_input"),
                    List.of("nft", "delete", "rule", "ip", "libvirt_network", "guest_input", "handle",
                            "<handle of \"" + f.comment() + "\">"));
        }
        requireIptables(backend);
        return List.of(iptables("-D", "nat", "PREROUTING", dnatSpec(f, from)), iptables("-D", "filter", acceptChain,
                acceptSpec(f, bridge, from)));
    }

    /**
     * The argv that insert a forward's accepts into a native nftables chain that drops its bridge: its DNATed
     * connections into the bridge, and their replies out of it (conntrack keeps the DNAT mark on both ways).
     */
    public static List<List<String>> nativeAcceptCommands(dev.virtwire.model.PortForwardAccept a) {
        return List.of(nft("insert", a, nativeRepliesSpec(a)), nft("insert", a, nativeAcceptSpec(a)));
    }

    private static List<String> nft(String action, dev.virtwire.model.PortForwardAccept a, List<String> spec) {
        List<String> argv = new java.util.ArrayList<>(List.of("nft", action, "rule"));
        argv.addAll(place(a));
        argv.addAll(spec);
        return List.copyOf(argv);
    }

    /** Its removal as the preview shows it: nftables deletes by the handle a fresh listing gives. */
    public static List<List<String>> nativeAcceptRemoval(dev.virtwire.model.PortForwardAccept a) {
        List<String> list = new java.util.ArrayList<>(List.of("nft", "-a", "list", "chain"));
        list.addAll(place(a));
        List<String> delete = new java.util.ArrayList<>(List.of("nft", "delete", "rule"));
        delete.addAll(place(a));
        delete.addAll(List.of("handle", "<handle of \"" + a.comment() + "\">"));
        return List.of(List.copyOf(list), List.copyOf(delete));
    }

    /** The accepts as the reader lists them, in chain order. */
    public static List<FirewallRule> nativeAcceptRules(dev.virtwire.model.PortForwardAccept a) {
        PortForward f = a.forward();
        Optional<String> from = a.from().isEmpty() ? Optional.empty() : Optional.of(a.from());
        return List.of(new FirewallRule(a.table(), a.chain(), "ACCEPT", from, Optional.of(f.guestIp()),
                        Optional.empty(), Optional.of(a.bridge()), Optional.of(a.comment()),
                        String.join(" ", nativeAcceptSpec(a))),
                new FirewallRule(a.table(), a.chain(), "ACCEPT", Optional.of(f.guestIp()), from,
                        Optional.of(a.bridge()), Optional.empty(), Optional.of(a.comment()),
                        String.join(" ", nativeRepliesSpec(a))));
    }

    /** "family table chain" of a native accept, as three words. */
    public static List<String> place(dev.virtwire.model.PortForwardAccept a) {
        String[] familyTable = a.table().split(" ", 2);
        return List.of(familyTable[0], familyTable[1], a.chain());
    }

    private static List<String> nativeRepliesSpec(dev.virtwire.model.PortForwardAccept a) {
        PortForward f = a.forward();
        List<String> daddr = a.from().isEmpty() ? List.of() : List.of("ip", "daddr", a.from());
        return concat(List.of("iifname", a.bridge(), "ip", "saddr", f.guestIp()), daddr, List.of(f.protocol(),
                "sport", Integer.toString(f.guestPort()), "ct", "status", "dnat", "accept", "comment",
                "\"" + a.comment() + "\""));
    }

    private static List<String> nativeAcceptSpec(dev.virtwire.model.PortForwardAccept a) {
        PortForward f = a.forward();
        return concat(List.of("oifname", a.bridge()), nftSource(a.from()), List.of("ip", "daddr", f.guestIp(),
                f.protocol(), "dport", Integer.toString(f.guestPort()), "ct", "status", "dnat", "accept", "comment",
                "\"" + a.comment() + "\""));
    }

    /** The iptables chain that holds the forward's accept: FORWARD, or LIBVIRT_FWI where an older Virtwire put it. */
    public static String acceptChainOf(dev.virtwire.model.FirewallState firewall, PortForward f) {
        return firewall.rules().stream().filter(r -> r.table().equals("filter") && r.verdict().equals("ACCEPT"))
                .filter(r -> r.comment().filter(f.comment()::equals).isPresent()).map(FirewallRule::chain)
                .findFirst().orElse(ACCEPT_CHAIN);
    }

    /** The forward's two rules as iptables-restore lines ({@code -A CHAIN ...}), DNAT (table nat) then accept. */
    public static List<String> restoreLines(PortForward f, String bridge) {
        return restoreLines(f, bridge, "");
    }

    /** As above, for a forward from {@code from} only. */
    public static List<String> restoreLines(PortForward f, String bridge, String from) {
        return List.of(String.join(" ", restoreLine("PREROUTING", dnatSpec(f, from))),
                String.join(" ", restoreLine(ACCEPT_CHAIN, acceptSpec(f, bridge, from))));
    }

    private static List<String> restoreLine(String chain, List<String> spec) {
        List<String> line = new java.util.ArrayList<>(List.of("-A", chain));
        line.addAll(spec);
        return line;
    }

    /** The bridge of the active libvirt network whose subnet holds the guest's address. */
    public static Optional<String> bridgeFor(dev.virtwire.model.HostSnapshot s, String guestIp) {
        dev.virtwire.model.Ipv4 address = dev.virtwire.model.Ipv4.parse(guestIp);
        return s.networks().stream().filter(dev.virtwire.model.VirtualNetwork::active)
                .filter(n -> n.ips().stream().map(i -> dev.virtwire.model.Ipv4.parse(i.address()))
                        .anyMatch(a -> a.contains(address)))
                .flatMap(n -> n.bridge().stream()).findFirst();
    }

    private static List<String> dnatSpec(PortForward f, String from) {
        return concat(iptablesSource(from), dnatSpec(f));
    }

    private static List<String> dnatSpec(PortForward f) {
        return List.of("-p", f.protocol(), "--dport", Integer.toString(f.hostPort()), "-m", "comment", "--comment",
                f.comment(), "-j", "DNAT", "--to-destination", f.guestIp() + ":" + f.guestPort());
    }

    /** As {@link #acceptSpec(PortForward, String)}, for connections from {@code from} only ("": everyone). */
    public static List<String> acceptSpec(PortForward f, String bridge, String from) {
        return concat(iptablesSource(from), acceptSpec(f, bridge));
    }

    /** The accept's match and target, as iptables (and firewalld's direct rules) take them. */
    public static List<String> acceptSpec(PortForward f, String bridge) {
        return List.of("-d", f.guestIp() + "/32", "-o", bridge, "-p", f.protocol(), "--dport",
                Integer.toString(f.guestPort()), "-m", "conntrack", "--ctstate", "DNAT", "-m", "comment",
                "--comment", f.comment(), "-j", "ACCEPT");
    }

    private static List<String> iptables(String action, String table, String chain, List<String> spec) {
        List<String> argv = new java.util.ArrayList<>(List.of("iptables", "-w", "-t", table, action, chain));
        argv.addAll(spec);
        return List.copyOf(argv);
    }

    private static FirewallRule rule(String table, String chain, String verdict, Optional<String> source,
                                     Optional<String> out, PortForward f, String text) {
        return new FirewallRule(table, chain, verdict, source, Optional.of(f.guestIp()), Optional.empty(),
                out, Optional.of(f.comment()), text);
    }

    private static void requireIptables(FirewallBackend backend) {
        if (backend != FirewallBackend.IPTABLES_NFT && backend != FirewallBackend.IPTABLES_LEGACY) {
            throw new HostException("the host's firewall backend is " + backend.json() + ": Virtwire writes port "
                    + "forwards with nftables or iptables only; install and enable one of them");
        }
    }
}
