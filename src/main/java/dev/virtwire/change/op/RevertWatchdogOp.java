package dev.virtwire.change.op;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.RevertWatchdogScript;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Arms (or disarms) a watchdog on the host that runs {@code batch} (the revert of the steps after this one)
 * after {@code seconds}, unless the user confirms first. It runs on the host, so a lost connection still
 * ends in the revert.
 */
public record RevertWatchdogOp(String id, int seconds, List<String> batch, boolean arm) implements ConfirmOrRevert {

    public RevertWatchdogOp {
        batch = List.copyOf(batch);
    }

    @Override
    public String describe() {
        return arm ? "Start the revert timer: without confirmation within " + seconds + " s the host undoes the "
                + "steps below by itself" : "Stop the revert timer";
    }

    @Override
    public List<HostCommand> commands() {
        return List.copyOf(arm ? RevertWatchdogScript.armCommands(id, batch, seconds)
                : RevertWatchdogScript.disarmCommands(id));
    }

    /** Disarming a watchdog that already ran or was confirmed is fine: there is nothing left to stop. */
    @Override
    public void apply(Host host) {
        if (arm) {
            host.watchdog().armRevert(id, batch, Duration.ofSeconds(seconds));
        } else {
            host.watchdog().disarmRevert(id);
        }
    }

    @Override
    public boolean disarm(Host host) {
        return host.watchdog().disarmRevert(id);
    }

    @Override
    public Optional<Boolean> ran(Host host) {
        return Optional.of(host.watchdog().revertRan(id));
    }

    @Override
    public String timerName() {
        return "Virtwire's revert timer";
    }

    @Override
    public String atDeadline() {
        return "takes back the steps after it (ip -batch)";
    }

    @Override
    public String stopOnHost() {
        return String.join(" ", RevertWatchdogScript.disarm(id));
    }

    @Override
    public Operation inverse() {
        return new RevertWatchdogOp(id, seconds, batch, !arm);
    }
}
