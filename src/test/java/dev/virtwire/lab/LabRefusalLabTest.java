package dev.virtwire.lab;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The lab refuses clearly what it cannot do, without touching anything. */
@Tag("lab")
@InTheLabsTurn
class LabRefusalLabTest {

    private final LabScript script = LabScript.locate();

    @Test
    void upRefusesWithoutRoot() {
        CommandResult r = LabScript.run(Duration.ofSeconds(30), List.of("setpriv", "--reuid=65534", "--regid=65534",
                "--clear-groups", script.path().toString(), "up"));
        assertNotEquals(0, r.exitCode(), r::describe);
        assertTrue(r.stderr().contains("needs root"), r::describe);
    }

    @Test
    void unknownCommandsAndGuestsAreRefused() {
        CommandResult unknown = script.lab(Duration.ofSeconds(30), "frobnicate");
        assertNotEquals(0, unknown.exitCode(), unknown::describe);
        assertTrue(unknown.stderr().contains("usage"), unknown::describe);
        CommandResult badGuests = script.lab(Duration.ofSeconds(30), "up", "--guests", "zero");
        assertNotEquals(0, badGuests.exitCode(), badGuests::describe);
        assertTrue(badGuests.stderr().contains("--guests must be a number"), badGuests::describe);
    }
}
