package dev.virtwire.host.sim;

import dev.virtwire.host.HostException;
import dev.virtwire.host.SysctlConf;
import java.util.Optional;

/**
 * Virtwire's sysctl.d file on the simulated host, compared and replaced as a real host's is. It lasts for this
 * process only, like the other things the simulation keeps beside the topology.
 */
final class SimulatedSysctlConf {
    private Optional<String> content = Optional.empty();

    synchronized Optional<String> content() {
        return content;
    }

    synchronized void save(Optional<String> expected, Optional<String> next) {
        if (!content.equals(next) && !content.equals(expected)) {
            throw new HostException(SysctlConf.PATH + " changed after the plan was made; nothing was written");
        }
        content = next;
    }
}
