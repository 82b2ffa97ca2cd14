package dev.virtwire.model;

/** Which packet filter the host uses: decides how rules are read and written. */
public enum FirewallBackend {
    NFTABLES, IPTABLES_NFT, IPTABLES_LEGACY, NONE, UNKNOWN;

    /** Whether iptables (either flavour) writes its rules. */
    public boolean iptables() {
        return this == IPTABLES_NFT || this == IPTABLES_LEGACY;
    }

    public String json() {
        return Enums.json(this);
    }

    public static FirewallBackend fromJson(String value) {
        return Enums.parse(FirewallBackend.class, value, UNKNOWN);
    }
}
