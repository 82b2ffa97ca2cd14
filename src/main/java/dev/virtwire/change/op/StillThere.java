package dev.virtwire.change.op;

import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Link;
import dev.virtwire.model.VirtualNetwork;
import java.util.Optional;

/** What an operation is about, found again in a later snapshot, or said in the user's words to be gone (drift). */
final class StillThere {
    private StillThere() {
    }

    /** The NIC, or (Left) why it cannot be found. */
    static Found<GuestNic> nic(HostSnapshot s, String guest, String mac) {
        return s.guest(guest).map(g -> g.nic(mac).map(Found::of).orElseGet(() -> Found.<GuestNic>missing(
                        "guest " + guest + " no longer has a NIC with MAC " + mac)))
                .orElseGet(() -> Found.missing("guest " + guest + " no longer exists"));
    }

    static Found<Link> link(HostSnapshot s, String name) {
        return s.link(name).map(Found::of).orElseGet(() -> Found.missing("link " + name + " no longer exists"));
    }

    static Found<VirtualNetwork> network(HostSnapshot s, String name) {
        return s.network(name).map(Found::of)
                .orElseGet(() -> Found.missing("network " + name + " no longer exists"));
    }

    record Found<T>(Optional<T> value, String problem) {
        static <T> Found<T> of(T value) {
            return new Found<>(Optional.of(value), "");
        }

        static <T> Found<T> missing(String problem) {
            return new Found<>(Optional.empty(), problem);
        }

        /** The drift message when missing, or the check's result on the value. */
        Optional<String> check(java.util.function.Function<T, Optional<String>> check) {
            return value.map(check).orElse(Optional.of(problem));
        }
    }
}
