package dev.virtwire.diagnose.rules;

import dev.virtwire.change.FirewallIntent;
import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Fix;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.diagnose.rules.ForwardVerdicts.Verdict;
import dev.virtwire.model.FirewallBackend;
import dev.virtwire.model.FirewallTool;
import dev.virtwire.model.Id;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A FORWARD chain drops the guest's packets by policy, or Docker's DOCKER-USER chain does (Docker sets
 * FORWARD to DROP and lets only its own containers through), or Docker 29's own nftables table does (what goes
 * into its bridges and is not published there).
 */
public final class ForwardPolicyDrop implements Rule {

    @Override
    public Set<Catalog> makes() {
        return Set.of(Catalog.FORWARD_POLICY_DROP);
    }

    @Override
    public List<Finding> check(Situation s) {
        if (!s.routedByHost() || s.path().bridge().isEmpty()) {
            return List.of();
        }
        if (s.snapshot().firewall().backend() == FirewallBackend.UNKNOWN) {
            s.couldNotCheckBlocking("the host's packet filter (its rules could not be read)");
            return List.of();
        }
        String bridge = s.path().bridge().get();
        Packet packet = ForwardVerdicts.outbound(s, bridge, ForwardVerdicts.outLink(s));
        List<Verdict> drops = ForwardVerdicts.blocking(s, packet).stream()
                .filter(v -> v.outcome().rule().isEmpty() || v.byDocker()).toList();
        if (drops.isEmpty()) {
            return List.of();
        }
        Optional<Verdict> dockerNft = drops.stream().filter(Verdict::byDockerNftables).findFirst();
        boolean docker = drops.stream().anyMatch(Verdict::byDocker)
                || new FirewallWalk(s.snapshot().firewall()).dockerPresent();
        boolean ufw = s.snapshot().firewall().runs(FirewallTool.UFW);
        Finding finding = Finding.of(Catalog.FORWARD_POLICY_DROP, "The host's firewall drops what " + s.guestName()
                        + " sends through " + bridge + (dockerNft.isPresent() ? DockerNftablesDrop.title(dockerNft.get())
                        : docker ? " (Docker's FORWARD DROP; accepts go into its DOCKER-USER chain, which Docker "
                        + "leaves alone)" : ufw ? " (ufw's default forward policy DROP)" : ""))
                .withEvidence(drops.stream().map(v -> v.evidence(s)).toList())
                .withEvidence("packet: in " + bridge + packet.out().map(o -> ", out " + o).orElse("")
                        + packet.source().map(a -> ", from " + a.ip()).orElse("")
                        + packet.destination().map(a -> ", to " + a.ip()).orElse(""))
                .withNodes(new Id.Link(bridge));
        if (dockerNft.isPresent()) {
            return List.of(DockerNftablesDrop.advise(finding, s.snapshot().firewall(), bridge,
                    drops.stream().allMatch(Verdict::byDockerNftables)));
        }
        if (s.snapshot().firewall().runs(FirewallTool.FIREWALLD)) {
            return List.of(finding.withSteps("firewalld owns this ruleset and rewrites it on every reload: let the "
                    + "bridge through firewalld, e.g. firewall-cmd --zone=trusted --add-interface=" + bridge
                    + ", and the same with --permanent to keep it"));
        }
        if (!writable(s)) {
            return List.of(finding.withSteps("accept the guests' traffic ahead of the drop: nft insert rule "
                    + "FAMILY TABLE CHAIN iifname " + bridge + " accept, and oifname " + bridge
                    + " ct state established,related accept (the chain is in the evidence)"));
        }
        finding = finding.withFix(Fix.of(new FirewallIntent.AcceptBridgeTraffic(bridge)));
        if (ufw) {
            // ufw's default forward policy drops routed and bridged traffic; its own route rules are saved
            return List.of(finding.withSteps("ufw drops forwarded traffic by default (DEFAULT_FORWARD_POLICY in "
                    + "/etc/default/ufw): the fix adds ufw's own route rules, ufw route allow in on " + bridge
                    + " and ufw route allow out on " + bridge + ", which ufw saves (there after ufw reload and a "
                    + "reboot)" + (docker ? "; with Docker on the host it goes into DOCKER-USER instead" : "")));
        }
        if (!s.snapshot().firewall().backend().iptables()) {
            return List.of(finding.withSteps("the accept goes into each table that drops (an accept in another "
                    + "table does not override a drop); where /etc/nftables.conf declares that table, Virtwire saves "
                    + "it in a block of its own at the file's end, elsewhere it is gone after a reboot"));
        }
        return List.of(docker ? finding.withSteps("Docker keeps rules in DOCKER-USER across its restarts, not across "
                + "reboots: save them the way this host saves its firewall (e.g. iptables-persistent)")
                : finding.withSteps("or restart the network so libvirt adds its own accept rules again: virsh "
                        + "net-destroy NET && virsh net-start NET"));
    }

    /**
     * Whether Virtwire writes the accept itself: iptables, and nftables unless firewalld owns the ruleset (it
     * rewrites its table on every reload; its own commands must let the bridge through).
     */
    static boolean writable(Situation s) {
        var fw = s.snapshot().firewall();
        return fw.backend().iptables() || (fw.backend() == FirewallBackend.NFTABLES
                && !fw.runs(FirewallTool.FIREWALLD));
    }
}
