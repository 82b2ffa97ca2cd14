package dev.virtwire.host.netconf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.exec.CommandResult;
import dev.virtwire.model.LinkOwner;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * systemd ships example units in /usr/lib/systemd/network on every host that has it: where networkd is not at
 * work and no folder of the admin's holds a unit, they say nothing of the host, and reading them cost a process
 * each on every read of the host (seven on Debian 12).
 */
class NetworkdPackagedFilesTest {
    private static final String PACKAGED = "/usr/lib/systemd/network";
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<List<String>> asked = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void withNetworkdIdleThePackagesExamplesAreNotRead() {
        ManagerRead read = read("unmanaged");
        assertEquals(ManagerRead.absent(), read);
        assertTrue(asked.stream().noneMatch(argv -> argv.contains("cat")), () -> "read: " + asked);
    }

    @Test
    void withNetworkdAtWorkTheyAreRead() {
        ManagerRead read = read("configured");
        assertEquals(LinkOwner.NETWORKD, read.found().orElseThrow().manager());
        assertTrue(asked.stream().anyMatch(argv -> argv.contains(PACKAGED + "/80-container-host0.network")),
                () -> "read: " + asked);
    }

    /** A host with only the package's units, eth0 in networkd's {@code setup} state given. */
    private ManagerRead read(String setup) {
        HostCommands host = argv -> {
            asked.add(argv);
            if (argv.get(0).equals("networkctl")) {
                return new CommandResult(argv, 0, "  1 lo   loopback carrier  unmanaged\n  2 eth0 ether    routable "
                        + setup + "\n", "");
            }
            if (argv.contains("ls")) {
                return argv.contains(PACKAGED) ? new CommandResult(argv, 0, "80-container-host0.network\n"
                        + "80-wifi-adhoc.network\n99-default.link\n", "")
                        : new CommandResult(argv, 2, "", "ls: cannot access: No such file or directory");
            }
            return new CommandResult(argv, 0, "[Match]\nName=host0\n[Network]\nDHCP=yes\n", "");
        };
        return new NetworkdFiles(host, new HostFiles(host), executor).read(List.of());
    }
}
