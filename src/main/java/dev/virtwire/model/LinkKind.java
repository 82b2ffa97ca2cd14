package dev.virtwire.model;

/** What a kernel network link is, in the words `ip -d link` and sysadmins use. */
public enum LinkKind {
    PHYSICAL, BRIDGE, TAP, VETH, MACVTAP, VLAN, BOND, DUMMY, LOOPBACK, OTHER;

    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static LinkKind fromJson(String value) {
        return Enums.parse(LinkKind.class, value, OTHER);
    }
}
