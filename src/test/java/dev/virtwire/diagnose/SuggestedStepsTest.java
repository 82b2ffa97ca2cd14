package dev.virtwire.diagnose;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.SuggestedCommands;
import dev.virtwire.model.HostSnapshot;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A step that suggests a virtwire command spells it with the options that reach the host diagnosed. */
class SuggestedStepsTest {

    @Test
    void theMacvtapStepsCarryTheHostOptions() {
        HostSnapshot noBridgeOnTheLan = DemoEdits.demoWith("{\"links\": {\"eth1\": {\"master\": null}}}");
        SuggestedCommands remote = new SuggestedCommands(List.of("--connect", "qemu+ssh://root@h/system",
                "--state-dir", "/tmp/my state"));
        Diagnosis d = new Troubleshooter().suggesting(remote).diagnose(noBridgeOnTheLan, "media", Optional.empty(),
                Destination.host());
        String steps = String.join("\n", d.findings().get(0).steps());
        String options = " --connect qemu+ssh://root@h/system --state-dir '/tmp/my state'";
        assertTrue(steps.contains("virtwire uplink bridge eth0 --bridge br-lan --confirm-within 60" + options + ","),
                steps);
        assertTrue(steps.contains("virtwire attach media --nic ") && steps.contains(" --to bridge:br-lan" + options),
                steps);
    }
}
