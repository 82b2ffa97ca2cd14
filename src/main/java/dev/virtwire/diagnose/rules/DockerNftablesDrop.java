package dev.virtwire.diagnose.rules;

import dev.virtwire.change.FirewallIntent;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Fix;
import dev.virtwire.diagnose.rules.ForwardVerdicts.Verdict;
import dev.virtwire.model.DockerAcceptMark;
import dev.virtwire.model.DockerDaemon;
import dev.virtwire.model.FirewallState;

/**
 * What forward-policy-drop says when Docker 29's own nftables table drops the guest's packets (on their way into a
 * Docker bridge: Docker drops there what is not published): no DOCKER-USER chain exists with that backend, and an
 * accept in another table does not override Docker's drop. Docker accepts packets carrying the mark of its
 * {@code bridge-accept-fwmark} option: with one set in /etc/docker/daemon.json the fix marks the bridge's packets in
 * Virtwire's own table; without, the finding says what to add to daemon.json and that Docker must restart.
 */
final class DockerNftablesDrop {

    private DockerNftablesDrop() {
    }

    /** The title's ending: Docker, its table and chain, and why DOCKER-USER is no way here. */
    static String title(Verdict v) {
        return " (Docker's nftables table " + v.table() + ", chain " + v.outcome().chain() + "; Docker's nftables "
                + "backend has no DOCKER-USER chain, and an accept in another table does not override its drop)";
    }

    /**
     * @param dockerOnly whether Docker's table is the only one that drops (else the fix lets the others through too,
     *                   and needs the mark for Docker's)
     */
    static Finding advise(Finding finding, FirewallState firewall, String bridge, boolean dockerOnly) {
        DockerDaemon daemon = firewall.docker();
        if (daemon.acceptMark().isPresent()) {
            String mark = daemon.acceptMark().get().describe();
            return finding.withFix(Fix.of(new FirewallIntent.AcceptBridgeTraffic(bridge))).withSteps(
                    DockerDaemon.PATH + " sets \"bridge-accept-fwmark\": \"" + daemon.bridgeAcceptFwmark().get()
                            + "\", so Docker's chains accept packets carrying mark " + mark + ": the fix marks what "
                            + bridge + " forwards with it in Virtwire's own table " + DockerAcceptMark.TABLE
                            + " (chain " + DockerAcceptMark.CHAIN + ", hook forward, priority filter - 1, before "
                            + "Docker's)" + (dockerOnly ? "" : ", and accepts " + bridge + "'s traffic in the other "
                            + "tables that drop it"),
                    "saved in /etc/nftables.conf's Virtwire block where that file exists (there after a reboot); "
                            + "elsewhere gone after reboot");
        }
        return finding.withSteps(daemon.markAdvice(),
                "Virtwire neither edits daemon.json nor restarts Docker; once Docker runs with the mark, run virtwire "
                        + "diagnose again: its fix then marks " + bridge + "'s packets in Virtwire's own table");
    }
}
