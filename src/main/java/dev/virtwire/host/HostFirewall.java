package dev.virtwire.host;

import dev.virtwire.model.ForwardAccept;
import dev.virtwire.model.PortForward;

/** The host's firewall rules Virtwire writes, in the backend in use (nftables or iptables). */
public interface HostFirewall {

    /** Writes or removes a port forward's DNAT and FORWARD-accept rules. */
    void setPortForward(PortForward forward, boolean present);

    /** Inserts or deletes the iptables rules that let a bridge's traffic through the forward filter. */
    void setForwardAccept(ForwardAccept accept, boolean present);
}
