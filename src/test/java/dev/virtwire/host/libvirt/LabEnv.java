package dev.virtwire.host.libvirt;

import static org.junit.jupiter.api.Assertions.fail;

import dev.virtwire.host.HostAddress;
import dev.virtwire.host.exec.CommandResult;
import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.host.exec.Target;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The running lab as {@code src/lab/lab status} describes it (brought up when it is down), until the
 * lab's JUnit extension lands on main; then these tests take its {@code Lab} parameter instead.
 */
final class LabEnv {
    private static final String LAB = "src/lab/lab";
    private final Map<String, String> values;

    private LabEnv(Map<String, String> values) {
        this.values = values;
    }

    static LabEnv get() {
        CommandRunner local = new CommandRunner(new Target.Local(), Duration.ofMinutes(15));
        CommandResult status = local.run(List.of(LAB, "status"));
        if (!status.ok()) {
            CommandResult up = local.run(List.of(LAB, "up"));
            if (!up.ok()) {
                fail("the lab could not be started ('" + LAB + " up', needs root): " + up.stderr().strip());
            }
            status = local.run(List.of(LAB, "status"));
        }
        Map<String, String> values = new HashMap<>();
        for (String line : status.stdout().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1).replaceAll("^'|'$", "").replaceAll("^\"|\"$", ""));
            }
        }
        return new LabEnv(values);
    }

    String uri() {
        return values.get("LAB_URI");
    }

    String netns() {
        return values.get("LAB_NETNS");
    }

    HostAddress address() {
        return new HostAddress(uri(), new Target.Netns(netns()));
    }

    /** A command inside the lab host's network namespace. */
    CommandRunner inLab() {
        return new CommandRunner(new Target.Netns(netns()));
    }

    /** virsh against the lab's libvirtd. */
    String virsh(String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of("virsh", "-q", "-c", uri()));
        argv.addAll(List.of(args));
        return new CommandRunner(new Target.Local()).output(argv);
    }
}
