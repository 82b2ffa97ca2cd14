package dev.virtwire.diagnose.rules;

import dev.virtwire.diagnose.Catalog;
import dev.virtwire.diagnose.Finding;
import dev.virtwire.diagnose.Rule;
import dev.virtwire.diagnose.Situation;
import dev.virtwire.model.GuestState;
import java.util.List;
import java.util.Set;

/** A guest that is shut off, paused or crashed answers nothing. */
public final class GuestNotRunning implements Rule {

    @Override
    public Set<Catalog> makes() {
        return Set.of(Catalog.GUEST_NOT_RUNNING);
    }

    @Override
    public List<Finding> check(Situation s) {
        GuestState state = s.path().guest().state();
        if (state == GuestState.RUNNING) {
            return List.of();
        }
        String name = s.guestName();
        String step = state == GuestState.PAUSED ? "resume it: virsh resume " + name
                : "start it: virsh start " + name;
        return List.of(Finding.of(Catalog.GUEST_NOT_RUNNING, "Guest " + name + " is " + words(state))
                .withEvidence("virsh domstate " + name + ": " + state.json())
                .withNodes(s.guestNode())
                .withSteps(step));
    }

    private static String words(GuestState state) {
        return switch (state) {
            case PAUSED -> "paused";
            case SHUTOFF -> "shut off";
            case CRASHED -> "crashed";
            default -> "not running";
        };
    }
}
