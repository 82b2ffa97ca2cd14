package dev.virtwire.host;

import dev.virtwire.model.ForwardAccept;
import dev.virtwire.model.PortForward;

/** The host's firewall rules Virtwire writes, in the backend in use (nftables or iptables). */
public interface HostFirewall {

    /** Writes or removes a port forward's DNAT and FORWARD-accept rules. */
    default void setPortForward(PortForward forward, boolean present) {
        setPortForward(forward, "", present);
    }

    /**
     * Writes or removes a port forward's DNAT and FORWARD-accept rules, both matching connections from
     * {@code from} only (an address or CIDR; "" for everyone).
     */
    void setPortForward(PortForward forward, String from, boolean present);

    /** Inserts or deletes the rules that let a bridge's traffic through the forward filter. */
    void setForwardAccept(ForwardAccept accept, boolean present);

    /**
     * Writes /etc/nftables.conf (Virtwire's block in it changed for the bridge's accept).
     *
     * @param bridge whose accept the write saves or takes out (what a re-read must look at)
     */
    default void setNftablesConf(String bridge, String text) {
        throw new HostException("this host does not write " + NftablesConfBlock.PATH);
    }

    /**
     * Writes iptables-persistent's /etc/iptables/rules.v4 (Virtwire's blocks in it changed for the forward).
     *
     * @param forward whose rules the write saves or takes out (what a re-read must look at)
     */
    default void setRulesV4(PortForward forward, String text) {
        throw new HostException("this host does not write " + RulesV4Blocks.PATH);
    }

    /**
     * Writes iptables-persistent's /etc/iptables/rules.v4 (Virtwire's filter block in it changed for the bridge's
     * accept).
     */
    default void setRulesV4Accept(String bridge, String text) {
        throw new HostException("this host does not write " + RulesV4Blocks.PATH);
    }

    /** Puts the link in firewalld's zone or takes it out, at run time and permanently. */
    default void setFirewalldZone(String link, String zone, boolean present) {
        throw new HostException("this host does not change firewalld's zones");
    }

    /**
     * Adds or removes firewalld's forward port in the zone, at run time and permanently; for connections from
     * {@code from} only (an address or CIDR; "" for everyone) as a rich rule.
     */
    default void setFirewalldForwardPort(PortForward forward, String zone, String from, boolean present) {
        throw new HostException("this host does not change firewalld's forward ports");
    }

    /**
     * Adds or removes a rich rule in a firewalld policy, at run time and permanently.
     *
     * @param bridge whose traffic the rule lets through (what a re-read must look at)
     */
    default void setFirewalldPolicyRule(String policy, String rule, String bridge, boolean present) {
        throw new HostException("this host does not change firewalld's policies");
    }

    /**
     * Adds or removes a firewalld forward's accept ahead of libvirt's reject (firewalld's direct rules, at run time
     * and permanently), with libvirt's jump kept in the permanent ones when {@code libvirtJump}.
     */
    default void setFirewalldAccept(PortForward forward, String bridge, boolean present, boolean libvirtJump) {
        throw new HostException("this host does not change firewalld's direct rules");
    }

    /** Inserts or deletes a port forward's accept in a native nftables chain that drops its bridge. */
    default void setPortForwardAccept(dev.virtwire.model.PortForwardAccept accept, boolean present) {
        throw new HostException("this host does not write nftables accepts for port forwards");
    }

    /**
     * Adds or deletes Virtwire's rule that marks the bridge's forwarded packets with Docker's accept mark; with
     * {@code dropChain} and {@code dropTable} the deletion takes Virtwire's marking chain and its table too.
     */
    default void setDockerAcceptMark(dev.virtwire.model.DockerAcceptMark mark, boolean present, boolean dropChain,
                                     boolean dropTable) {
        throw new HostException("this host does not write nftables marks for Docker");
    }

    /** Makes or takes back ufw's route rules that let a bridge's traffic through. */
    default void setUfwRoute(dev.virtwire.model.UfwRouteChange change) {
        throw new HostException("this host does not change ufw's rules");
    }
}
