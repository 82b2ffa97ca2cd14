package dev.virtwire.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.NetworkIntent;
import dev.virtwire.host.firewall.FirewallReader;
import dev.virtwire.host.firewall.FirewalldPolicyFixture;
import dev.virtwire.model.FirewallState;
import dev.virtwire.model.HostSnapshot;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * libvirt's masquerade gone on the lab's real firewalld 1.3.3 (host/firewalld-policy, libvirt 9.0's iptables rules
 * beside firewalld's table; virbr0 in the trusted zone, the uplink in the default zone public), as lab fault
 * masquerade-missing leaves it: the finding names where libvirt masquerades (nat/LIBVIRT_PRT) and firewalld's zone
 * whose source NAT the packet leaving by the uplink goes through, with its chain; the fix restarts the network. A
 * masquerade of another zone (trusted, the guests' bridges' own, which firewalld runs only for what leaves by them)
 * does not masquerade what leaves by the uplink.
 */
class FirewalldMasqueradeTest {
    private final Troubleshooter troubleshooter = new Troubleshooter();

    @Test
    void theMissingMasqueradeNamesLibvirtsChainAndTheUplinksZone() {
        Diagnosis d = diagnose(firewall(""));
        Finding f = d.finding("nat-masquerade-missing").orElseThrow(() -> new AssertionError(d.findings()));
        String uplink = uplink(f);
        assertTrue(f.evidence().contains("libvirt masquerades its NAT networks in nat/LIBVIRT_PRT: none there for "
                + "192.168.122.0/24"), f.evidence()::toString);
        assertTrue(f.evidence().contains("firewalld's zone public, which firewalld's table sends what leaves by " + uplink
                + " to (inet firewalld/nat_POSTROUTING_ZONES), masquerades none of it either: inet firewalld/"
                + "nat_POST_public_allow holds none for it (firewall-cmd --zone=public --query-masquerade)"),
                f.evidence()::toString);
        assertEquals(Optional.of(Fix.of(new NetworkIntent.RestartNetwork("default"))), f.fix());
    }

    @Test
    void aMasqueradeInTheGuestsOwnZoneDoesNotCountForTheUplink() {
        Diagnosis d = diagnose(firewall(masquerade("trusted")));
        assertTrue(d.finding("nat-masquerade-missing").isPresent(), d.findings()::toString);
    }

    @Test
    void aMasqueradeInTheUplinksZoneDoes() {
        Diagnosis d = diagnose(firewall(masquerade("public")));
        assertTrue(d.finding("nat-masquerade-missing").isEmpty(), d.findings()::toString);
    }

    private Diagnosis diagnose(FirewallState firewall) {
        HostSnapshot host = DemoEdits.demo().withFirewall(firewall);
        return troubleshooter.diagnose(host, "web1", Optional.empty(), Destination.parse("internet"));
    }

    private static String uplink(Finding f) {
        String first = f.evidence().get(0);
        return first.substring(first.lastIndexOf(' ') + 1);
    }

    /** What firewall-cmd --zone=ZONE --add-masquerade puts in firewalld 1.3's table. */
    private static String masquerade(String zone) {
        return "{\"rule\": {\"family\": \"inet\", \"table\": \"firewalld\", \"chain\": \"nat_POST_" + zone
                + "_allow\", \"handle\": 9999, \"expr\": [{\"match\": {\"op\": \"==\", \"left\": {\"meta\": {\"key\": "
                + "\"nfproto\"}}, \"right\": \"ipv4\"}}, {\"match\": {\"op\": \"!=\", \"left\": {\"meta\": {\"key\": "
                + "\"oifname\"}}, \"right\": \"lo\"}}, {\"masquerade\": null}]}}";
    }

    /** The captured firewall (virbr0 let through) without libvirt's masquerade, plus a rule of firewalld's. */
    private static FirewallState firewall(String extraNftRule) {
        String save = FirewalldPolicyFixture.text("rejects.iptables-save.txt").lines()
                .filter(l -> !(l.contains("-A LIBVIRT_PRT -s 192.168.122.0/24") && l.contains("MASQUERADE")))
                .collect(Collectors.joining("\n", "", "\n"));
        String nft = FirewalldPolicyFixture.text("accepts.nft.json");
        if (!extraNftRule.isEmpty()) {
            int end = nft.lastIndexOf("]}");
            nft = nft.substring(0, end) + ", " + extraNftRule + nft.substring(end);
        }
        return FirewallReader.combine(Optional.of("iptables v1.8.9 (nf_tables)"), Optional.of(save), Optional.of(nft),
                true);
    }
}
