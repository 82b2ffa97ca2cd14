package dev.virtwire.host.kernel;

import dev.virtwire.host.HostException;
import dev.virtwire.host.IpCommands;
import dev.virtwire.host.RevertWatchdogScript;
import dev.virtwire.host.exec.CommandResult;
import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.model.BridgeSettings;
import dev.virtwire.model.Route;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The kernel changes of the change layer on a real host: each one the argv that {@link IpCommands} previews,
 * run at the host's target; and the host-side revert watchdog.
 */
public final class HostCommandWriter {
    private final CommandRunner runner;

    public HostCommandWriter(CommandRunner runner) {
        this.runner = runner;
    }

    public void setIpForward(boolean on) {
        runner.output(IpCommands.setIpForward(on));
    }

    public void createBridge(String name, BridgeSettings settings, Optional<String> mac) {
        runner.output(IpCommands.createBridge(LinkWriter.checked(name), settings, mac));
    }

    public void deleteBridge(String name) {
        runner.output(IpCommands.deleteBridge(LinkWriter.checked(name)));
    }

    public void setLinkMtu(String link, int mtu) {
        runner.output(IpCommands.setMtu(LinkWriter.checked(link), mtu));
    }

    public void setLinkMac(String link, String mac) {
        runner.output(IpCommands.setMac(LinkWriter.checked(link), mac));
    }

    public void setAddress(String link, String cidr, boolean present) {
        runner.output(IpCommands.setAddress(LinkWriter.checked(link), cidr, present));
    }

    public void setRoute(Route route, boolean present) {
        runner.output(IpCommands.setRoute(route, present));
    }

    /**
     * Writes the revert batch and the "armed" mark, then starts the detached watchdog. The batch reaches the
     * host as tee's stdin, never as shell text.
     */
    public void armRevert(String id, List<String> ipBatch, Duration delay) {
        String batch = RevertWatchdogScript.batchFile(id);
        String text = String.join("\n", ipBatch) + "\n";
        ipBatch.forEach(line -> {
            if (line.contains("\n")) {
                throw new IllegalArgumentException("a revert batch line cannot hold a line break: " + line);
            }
        });
        runner.output(List.of("mkdir", "-p", RevertWatchdogScript.DIRECTORY));
        CommandResult written = runner.run(List.of("tee", batch), text);
        if (!written.ok()) {
            throw new HostException("could not write the revert batch " + batch + " on " + runner.target().describe()
                    + ": " + written.stderr().strip());
        }
        runner.output(List.of("touch", RevertWatchdogScript.armedFile(id)));
        runner.output(RevertWatchdogScript.start(id, (int) Math.max(1, delay.toSeconds())));
    }

    /** True when disarmed in time; false when the watchdog already ran the revert (or never existed). */
    public boolean disarmRevert(String id) {
        return runner.run(RevertWatchdogScript.disarm(id)).ok();
    }
}
