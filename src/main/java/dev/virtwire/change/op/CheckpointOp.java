package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.SavedConfigCommands;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Arms (or destroys) a NetworkManager checkpoint of every device: unless it is destroyed within {@code seconds}
 * (the user confirmed), NetworkManager itself rolls back every profile and device change made since, also when
 * Virtwire's connection to the host is lost.
 */
public record CheckpointOp(String id, int seconds, boolean arm) implements ConfirmOrRevert {

    @Override
    public String describe() {
        return arm ? "Create a NetworkManager checkpoint: without confirmation within " + seconds + " s "
                + "NetworkManager rolls back the steps below by itself" : "Destroy the NetworkManager checkpoint";
    }

    @Override
    public List<HostCommand> commands() {
        return List.copyOf(arm ? SavedConfigCommands.armCheckpoint(id, seconds)
                : SavedConfigCommands.disarmCheckpoint(id));
    }

    /** Destroying a checkpoint that already rolled back or was confirmed is fine: nothing is left to stop. */
    @Override
    public void apply(Host host) {
        if (arm) {
            host.savedConfig().armCheckpoint(id, Duration.ofSeconds(seconds));
        } else {
            host.savedConfig().destroyCheckpoint(id);
        }
    }

    @Override
    public boolean disarm(Host host) {
        return host.savedConfig().destroyCheckpoint(id);
    }

    /**
     * NetworkManager leaves no mark of a rollback, and a restart of it (or of the host) before the deadline ends a
     * checkpoint without one: whether it rolled back is told from what the host shows ({@code GoneTimer}).
     */
    @Override
    public Optional<Boolean> ran(Host host) {
        return Optional.empty();
    }

    @Override
    public String timerName() {
        return "NetworkManager's checkpoint";
    }

    @Override
    public String atDeadline() {
        return "has NetworkManager roll back every profile and device change made since";
    }

    /** The path busctl needs is the one the host kept when it was armed. */
    @Override
    public String stopOnHost() {
        return String.join(" ", SavedConfigCommands.checkpointDestroy("PATH")) + ", with the PATH kept in "
                + SavedConfigCommands.checkpointFile(id);
    }

    @Override
    public Operation inverse() {
        return new CheckpointOp(id, seconds, !arm);
    }
}
