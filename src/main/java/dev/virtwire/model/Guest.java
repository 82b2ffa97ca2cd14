package dev.virtwire.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A libvirt domain and its network interfaces. */
public record Guest(String name, Optional<String> uuid, GuestState state, List<GuestNic> nics) {

    public Guest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        nics = List.copyOf(nics);
    }

    public boolean isRunning() {
        return state == GuestState.RUNNING || state == GuestState.PAUSED;
    }

    public Optional<GuestNic> nic(String mac) {
        String wanted = Mac.normalize(mac);
        return nics.stream().filter(n -> n.mac().equals(wanted)).findFirst();
    }

    public Guest withNics(List<GuestNic> newNics) {
        return new Guest(name, uuid, state, newNics);
    }

    public Guest withState(GuestState newState) {
        return new Guest(name, uuid, newState, nics);
    }
}
