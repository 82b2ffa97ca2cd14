package dev.virtwire.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.LinkIntent;
import dev.virtwire.change.Plan;
import dev.virtwire.change.op.CheckpointOp;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A script runs only what it can replay line by line: NetworkManager's checkpoint is written out as comments. */
class PlanScriptTest {

    @Test
    void theCheckpointIsCommentedNotRunWithItsPlaceholders() {
        Plan plan = new Plan(new LinkIntent.BridgeUplink("eth0", "br0", true, 60), "Bridge the uplink eth0 into br0",
                List.of(new CheckpointOp("0123456789abcdef", 60, true)));
        String script = PlanScript.of(plan, new HostOptions());
        List<String> run = script.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertFalse(String.join("\n", run).contains("CHECKPOINT-PATH"), script);
        assertFalse(run.stream().anyMatch(l -> l.contains("busctl")), script);
        assertTrue(script.contains("#   busctl"), script);
    }
}
