package dev.virtwire.model;

/** The {@code type} attribute of a guest's {@code <interface>}. */
public enum NicType {
    NETWORK, BRIDGE, DIRECT, USER, ETHERNET, VHOSTUSER, HOSTDEV, OTHER;

    public String json() {
        return Enums.json(this);
    }

    public static NicType fromJson(String value) {
        return Enums.parse(NicType.class, value, OTHER);
    }
}
