package dev.virtwire.model;

/** Operational state of a link, as `ip link` reports it (UNKNOWN is common for taps and loopback). */
public enum LinkState {
    UP, DOWN, UNKNOWN;

    public String json() {
        return Enums.json(this);
    }

    public static LinkState fromJson(String value) {
        return Enums.parse(LinkState.class, value, UNKNOWN);
    }
}
