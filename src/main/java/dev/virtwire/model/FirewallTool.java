package dev.virtwire.model;

/**
 * Who writes or keeps rules in a host's packet filter: the firewall managers (nftables' service with
 * /etc/nftables.conf, firewalld, ufw, iptables-persistent's saved rules) and the programs that make their
 * own rules whenever they start (libvirt when a network starts, Docker when its daemon starts), and Virtwire
 * itself (its rules in its own saved file).
 */
public enum FirewallTool {
    NFTABLES, FIREWALLD, UFW, IPTABLES_PERSISTENT, DOCKER, LIBVIRT, VIRTWIRE;

    public String json() {
        return Enums.json(this);
    }

    public static java.util.Optional<FirewallTool> fromJson(String value) {
        return java.util.Optional.ofNullable(Enums.parse(FirewallTool.class, value, null));
    }
}
