package dev.virtwire.model;

/** A guest's run state, as {@code virsh domstate} names it. */
public enum GuestState {
    RUNNING, PAUSED, SHUTOFF, CRASHED, OTHER;

    public String json() {
        return Enums.json(this);
    }

    public static GuestState fromJson(String value) {
        return Enums.parse(GuestState.class, value, OTHER);
    }
}
