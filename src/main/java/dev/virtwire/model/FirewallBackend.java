package dev.virtwire.model;

/** Which packet filter the host uses: decides how rules are read and written. */
public enum FirewallBackend {
    NFTABLES, IPTABLES_NFT, IPTABLES_LEGACY, NONE, UNKNOWN;

    public String json() {
        return Enums.json(this);
    }

    public static FirewallBackend fromJson(String value) {
        return Enums.parse(FirewallBackend.class, value, UNKNOWN);
    }
}
