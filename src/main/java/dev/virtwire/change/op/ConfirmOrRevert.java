package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import java.util.List;
import java.util.Optional;

/**
 * The first step of a change that the host takes back by itself unless the user confirms in time: Virtwire's
 * own watchdog, or NetworkManager's checkpoint. A snapshot does not show it, and nothing on the host can have
 * drifted from it.
 */
public sealed interface ConfirmOrRevert extends Operation permits RevertWatchdogOp, CheckpointOp, UplinkWatchdogOp {
    String id();

    int seconds();

    /** True for the step that arms it (its inverse disarms). */
    boolean arm();

    /**
     * Keeps the change: false when it is too late (the host already took it back).
     *
     * @throws dev.virtwire.host.HostException when it could not be stopped (the host did not answer): it still runs
     */
    boolean disarm(Host host);

    /**
     * After {@link #disarm} found it gone: true when it ran (or is reverting now), false when it never ran (the host
     * restarted, or /run was emptied, before the deadline: the change was not taken back by it); empty when it leaves
     * no mark to tell (NetworkManager's checkpoint): then only what the host shows now can say.
     *
     * @throws dev.virtwire.host.HostException when the host could not say
     */
    Optional<Boolean> ran(Host host);

    /** What a confirmation calls it, in the user's words: "NetworkManager's checkpoint". */
    String timerName();

    /** What it does when it runs out, to follow "it": "puts /etc/netplan/01-lab.yaml back as it was, ...". */
    String atDeadline();

    /** The command line that stops it on the host, run as root, for when a confirmation could not. */
    String stopOnHost();

    @Override
    default List<Id> subjects() {
        return List.of(new Id.Watchdog(id()));
    }

    @Override
    default Optional<String> drift(HostSnapshot now) {
        return Optional.empty();
    }

    @Override
    default Optional<String> unverified(HostSnapshot after) {
        return Optional.empty();
    }

    @Override
    default boolean showsInSnapshot() {
        return false;
    }
}
