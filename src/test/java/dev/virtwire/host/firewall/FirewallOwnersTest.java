package dev.virtwire.host.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.model.FirewallRule;
import dev.virtwire.model.FirewallTool;
import dev.virtwire.model.FirewallToolFound;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who puts a rule back after a reboot, and what the saved files say (or where Virtwire cannot follow them). */
class FirewallOwnersTest {

    private static FirewallRule rule(String table, String chain, String verdict, String text, String comment) {
        return new FirewallRule(table, chain, verdict, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.ofNullable(comment), text);
    }

    @Test
    void virtwiresRuleInLibvirtsChainIsNotLibvirts() {
        FirewallRule own = rule("filter", "LIBVIRT_FWI", "ACCEPT", "LIBVIRT_FWI -o virbr0 -j ACCEPT",
                "virtwire:fwd:tcp:8080:192.168.122.10:80");
        FirewallRule libvirts = rule("filter", "LIBVIRT_FWI", "REJECT", "LIBVIRT_FWI -o virbr0 -j REJECT", null);
        SavedFirewallFiles none = SavedFirewallFiles.none();
        assertEquals(Optional.empty(), FirewallOwners.keeper(own, none), "libvirt flushes it when the network restarts");
        assertEquals(Optional.of(FirewallTool.LIBVIRT), FirewallOwners.keeper(libvirts, none));
    }

    @Test
    void aUsersRuleInDockerUserIsKeptOnlyBySavedFiles() {
        FirewallRule user = rule("filter", "DOCKER-USER", "DROP", "DOCKER-USER -i eth1 -j DROP", null);
        assertEquals(Optional.empty(), FirewallOwners.keeper(user, SavedFirewallFiles.none()));
        SavedFirewallFiles saved = SavedFirewallFiles.of(Optional.empty(),
                Optional.of("*filter\n:DOCKER-USER - [0:0]\n-A DOCKER-USER -i eth1 -j DROP\nCOMMIT\n"));
        assertEquals(Optional.of(FirewallTool.IPTABLES_PERSISTENT), FirewallOwners.keeper(user, saved));
    }

    @Test
    void virtwiresAcceptInItsRulesV4BlockIsVirtwiresAndAQuotedCommentMatchesTheSavedLine() {
        FirewallRule accept = rule("filter", "FORWARD", "ACCEPT",
                "FORWARD -i virbr0 -m comment --comment \"virtwire:accept:virbr0\" -j ACCEPT", "virtwire:accept:virbr0");
        SavedFirewallFiles saved = SavedFirewallFiles.of(Optional.empty(), Optional.of("*filter\n:FORWARD DROP [0:0]\n"
                + "# virtwire: begin filter (rules Virtwire saved; it changes nothing outside this block)\n"
                + "-A FORWARD -i virbr0 -m comment --comment virtwire:accept:virbr0 -j ACCEPT\n# virtwire: end filter\n"
                + "-A FORWARD -i eth1 -m comment --comment lan -j DROP\nCOMMIT\n"));
        assertEquals(Optional.of(FirewallTool.VIRTWIRE), FirewallOwners.keeper(accept, saved));
        assertEquals(Optional.empty(), FirewallOwners.keeper(accept, SavedFirewallFiles.of(Optional.empty(),
                Optional.of("*filter\n:FORWARD DROP [0:0]\nCOMMIT\n"))));
        // iptables-save quotes every comment, a hand-written rules.v4 need not: the same rule
        FirewallRule users = rule("filter", "FORWARD", "DROP", "FORWARD -i eth1 -m comment --comment \"lan\" -j DROP",
                "lan");
        assertEquals(Optional.of(FirewallTool.IPTABLES_PERSISTENT), FirewallOwners.keeper(users, saved));
    }

    @Test
    void nftablesConfKeepsTheTablesItDeclares() {
        SavedFirewallFiles saved = SavedFirewallFiles.of(Optional.of("""
                flush ruleset
                table inet filter {
                  chain forward { type filter hook forward priority filter; policy drop; }
                }
                table nat {
                }
                include "/etc/nftables.d/*.nft"
                """), Optional.empty());
        assertEquals(Optional.of(List.of("inet filter", "ip nat")), saved.nftablesTables());
        assertEquals(List.of("/etc/nftables.d/*.nft"), saved.nftablesIncludes());
        var owners = FirewallOwners.of(List.of(rule("inet filter", "forward", "DROP", "drop", null)),
                List.of("inet filter"), saved);
        assertEquals(Optional.of(FirewallTool.NFTABLES), owners.rules().get(0).savedBy());
        FirewallToolFound nftables = owners.managers().get(0);
        assertTrue(nftables.running());
        assertTrue(nftables.evidence().contains("tables inet filter, ip nat"), nftables.evidence());
    }

    @Test
    void aConfVirtwireCannotFollowIsReportedByLineAndNothingIsTakenFromBeyondIt() {
        SavedFirewallFiles unclosed = SavedFirewallFiles.of(Optional.of("""
                table inet filter {
                  chain forward {
                    type filter hook forward priority 0;
                }
                table inet other {
                }
                """), Optional.empty());
        assertEquals(List.of("/etc/nftables.conf line 7: table inet filter (line 1) is not closed; Virtwire reads "
                + "the file no further and changes nothing in it"), unclosed.problems());
        assertEquals(Optional.of(List.of("inet filter")), unclosed.nftablesTables(),
                "'table inet other' is inside the unclosed table: not a table of its own");
        SavedFirewallFiles stray = SavedFirewallFiles.of(Optional.of("table ip t {\n}\n}\ntable ip u {\n}\n"),
                Optional.empty());
        assertEquals(List.of("/etc/nftables.conf line 3: a '}' closes nothing; Virtwire reads the file no further "
                + "and changes nothing in it"), stray.problems());
        assertEquals(Optional.of(List.of("ip t")), stray.nftablesTables());
    }

    @Test
    void noSavedFileNoManagerOfIt() {
        var owners = FirewallOwners.of(List.of(), List.of(), SavedFirewallFiles.none());
        assertFalse(owners.managers().stream().anyMatch(m -> m.tool() == FirewallTool.NFTABLES));
        assertTrue(owners.managers().isEmpty());
    }
}
