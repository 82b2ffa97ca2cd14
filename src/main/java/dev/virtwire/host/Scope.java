package dev.virtwire.host;

/** Whether a guest change applies to the running guest, its stored config, or both (virsh --live/--config). */
public enum Scope {
    LIVE, CONFIG, BOTH;

    public boolean live() {
        return this != CONFIG;
    }

    public boolean config() {
        return this != LIVE;
    }
}
