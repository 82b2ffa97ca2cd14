package dev.virtwire.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.virtwire.cli.CliRun;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The steps both firewalld shapes take on the lab ({@link FirewalldLabTest}, {@link FirewalldLibvirtLabTest}):
 * Virtwire's command line over the lab's ssh URI with the test's history, a fault's reject named first, and a
 * policy's reject named and fixed with an accept rich rule.
 */
final class FirewalldSteps {
    static final Duration DIAGNOSED_WITHIN = Duration.ofSeconds(30);
    static final Duration REACHES_WITHIN = Duration.ofSeconds(90);
    static final Duration FORWARD_WITHIN = Duration.ofSeconds(30);
    static final String POLICY = "guests-out";
    /** Virtwire's accept in the policy: virbr0's subnet, the lab's default network. */
    static final String POLICY_ACCEPT = "rule family=\"ipv4\" source address=\"192.168.122.0/24\" accept";

    private final Lab lab;
    private final FirewalldLabHost host;
    private final Path stateDir;

    FirewalldSteps(Lab lab, FirewalldLabHost host, Path stateDir) {
        this.lab = lab;
        this.host = host;
        this.stateDir = stateDir;
    }

    /** firewalld's policies and /etc/firewalld before Virtwire's rich rule went into the policy. */
    record PolicyBefore(String policies, String files) {
    }

    /**
     * virbr0 in the trusted zone, and the lab's policy guests-out (trusted to ANY, target REJECT) rejects its
     * traffic: the finding names the policy, and the fix puts an accept rich rule for virbr0's subnet into it, at
     * run time and --permanent, the policy's file kept first; virbr0 stays in its zone.
     */
    PolicyBefore thePolicysRejectIsNamedAndFixedWithARichRule(String uri) {
        return thePolicysRejectIsNamedAndFixedWithARichRule(uri, "trusted");
    }

    /** As above, the policy's ingress zone being the guests' bridges' zone (trusted, or libvirt in Fedora's shape). */
    PolicyBefore thePolicysRejectIsNamedAndFixedWithARichRule(String uri, String zone) {
        long started = System.nanoTime();
        JsonNode first = rejectNamedFirstAfter("firewalld-policy-reject", uri);
        String evidence = first.get("evidence").toString();
        assertTrue(evidence.contains("inet firewalld/filter_FWD_policy_" + POLICY), first::toPrettyString);
        assertTrue(evidence.contains("firewalld's policy " + POLICY + " (ingress " + zone
                + ", egress ANY, target REJECT"), first::toPrettyString);
        assertFalse(first.get("fix").isNull(), first::toPrettyString);
        PolicyBefore before = new PolicyBefore(host.policies(), host.permanentFiles());

        CliRun fix = cli(uri, "fix", "g1", "forward-rule-reject", "--to", "internet", "--internet", lab.internet(),
                "--yes");
        assertEquals(0, fix.code(), () -> "virtwire fix:\n" + fix.out() + fix.err());
        assertTrue(fix.out().contains("firewall-cmd --policy=" + POLICY + " '--add-rich-rule=" + POLICY_ACCEPT + "'"),
                fix::out);
        assertTrue(fix.out().contains("firewall-cmd --permanent --policy=" + POLICY + " '--add-rich-rule="
                + POLICY_ACCEPT + "'"), fix::out);
        assertTrue(fix.out().contains("cat -- /etc/firewalld/policies/" + POLICY + ".xml"), fix::out);
        assertFalse(fix.out().contains("--add-interface"), () -> "virbr0 stays in its zone:\n" + fix.out());
        assertTrue(Eventually.within(REACHES_WITHIN, host::reachesInternet),
                () -> "after the policy's fix g1 reaches the internet\n" + host.firewalldState());
        assertPolicyAccepts("after the fix");
        System.out.printf("FirewalldLabTest: the policy's reject named and fixed: %d s%n",
                (System.nanoTime() - started) / 1_000_000_000L);
        return before;
    }

    /**
     * libvirt's masquerade for network default gone (lab fault masquerade-missing) on firewalld's host: named, with
     * libvirt's chain and the zone whose source NAT firewalld runs for what leaves by eth0 (public, which masquerades
     * nothing: firewalld's own nat does not stand in for libvirt's, nor get in its way), and fixed as on every
     * backend by restarting the network, with its own history {@code state} (undoing it would restart the network
     * once more): libvirt makes its rules again when it starts one, and virbr0 made anew is in {@code zone} again
     * (trusted, where firewalld keeps it; libvirt, where libvirtd on firewalld's bus puts it back). g1 then reaches
     * the internet address. Not healed here: lab heal undoes every fault, those a test still has fixed too, and
     * puts libvirt's chain back as the fault found it (as it is now).
     */
    void aMissingMasqueradeIsNamedAndFixed(String uri, Path state, String zone) {
        long started = System.nanoTime();
        lab.fault("masquerade-missing");
        assertTrue(Eventually.never(host::reachesInternet), "masquerade-missing: the fault holds");
        AtomicReference<JsonNode> seen = new AtomicReference<>();
        assertTrue(Eventually.within(DIAGNOSED_WITHIN, () -> {
            seen.set(diagnose(uri, state));
            return seen.get().at("/findings/0/id").asText().equals("nat-masquerade-missing");
        }), () -> "expected nat-masquerade-missing first, got:\n" + seen.get().toPrettyString());
        String evidence = seen.get().at("/findings/0/evidence").toString();
        assertTrue(evidence.contains("libvirt masquerades its NAT networks in nat/LIBVIRT_PRT: none there for "
                + "192.168.122.0/24"), evidence);
        assertTrue(evidence.contains("firewalld's zone public, which firewalld's table sends what leaves by eth0 to "
                + "(inet firewalld/nat_POSTROUTING_ZONES), masquerades none of it either: inet firewalld/"
                + "nat_POST_public_allow"), evidence);
        CliRun fix = cli(uri, state, "fix", "g1", "nat-masquerade-missing", "--to", "internet", "--internet",
                lab.internet(), "--yes");
        assertEquals(0, fix.code(), () -> "virtwire fix:\n" + fix.out() + fix.err());
        assertTrue(Eventually.within(REACHES_WITHIN, host::reachesInternet),
                () -> "after the network's restart g1 reaches the internet\n" + host.firewalldState());
        assertTrue(Eventually.within(FORWARD_WITHIN, () -> lab.exec("firewall-cmd", "--get-zone-of-interface=virbr0")
                .stdout().strip().equals(zone)), "virbr0 made anew is in the " + zone + " zone again");
        System.out.printf("%s: the missing masquerade named and fixed, the network restarted by it (added, less the "
                + "net-destroy/net-start and libvirtd restart it stands for): %d s%n", zone.equals("trusted")
                ? "FirewalldLabTest" : "FirewalldLibvirtLabTest", (System.nanoTime() - started) / 1_000_000_000L);
    }

    /** The lab's fault stops g1's traffic to the internet, and the troubleshooter names the reject first. */
    JsonNode rejectNamedFirstAfter(String fault, String uri) {
        lab.fault(fault);
        assertTrue(Eventually.never(host::reachesInternet), () -> fault + ": the fault holds");
        AtomicReference<JsonNode> seen = new AtomicReference<>();
        assertTrue(Eventually.within(DIAGNOSED_WITHIN, () -> {
            seen.set(diagnose(uri));
            return seen.get().at("/findings/0/id").asText().equals("forward-rule-reject");
        }), () -> fault + ": expected forward-rule-reject first, got:\n" + seen.get().toPrettyString());
        return seen.get().at("/findings/0");
    }

    /** Virtwire's accept is in the policy at run time and in its permanent configuration. */
    void assertPolicyAccepts(String when) {
        for (String scope : List.of("", "--permanent")) {
            List<String> argv = new ArrayList<>(List.of("firewall-cmd"));
            if (!scope.isEmpty()) {
                argv.add(scope);
            }
            argv.addAll(List.of("--policy=" + POLICY, "--list-rich-rules"));
            CommandResult rules = lab.exec(argv.toArray(String[]::new));
            assertTrue(rules.ok() && rules.stdout().lines().anyMatch(POLICY_ACCEPT::equals),
                    () -> when + ": the policy " + POLICY + " lacks " + POLICY_ACCEPT + ": " + rules.describe());
        }
    }

    JsonNode diagnose(String uri) {
        return diagnose(uri, stateDir);
    }

    JsonNode diagnose(String uri, Path state) {
        CliRun run = cli(uri, state, "diagnose", "g1", "--to", "internet", "--internet", lab.internet(), "--json");
        try {
            return new ObjectMapper().readTree(run.out());
        } catch (IOException e) {
            throw new AssertionError("diagnose --json: " + run.out() + run.err(), e);
        }
    }

    CliRun cli(String uri, String... args) {
        return cli(uri, stateDir, args);
    }

    CliRun cli(String uri, Path state, String... args) {
        java.util.List<String> argv = new java.util.ArrayList<>(java.util.List.of(args));
        argv.addAll(java.util.List.of("--connect", uri, "--state-dir", state.toString()));
        return CliRun.of(argv.toArray(String[]::new));
    }
}
