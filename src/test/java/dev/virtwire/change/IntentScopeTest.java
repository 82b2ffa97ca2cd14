package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.virtwire.host.Scope;
import dev.virtwire.model.NicType;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which intents may be planned on a read of their guest alone: those whose planner looks at no other guest. */
class IntentScopeTest {
    private static final String MAC = "52:54:00:3a:10:01";

    @Test
    void aGuestsNicMovesAndLinkAreAboutThatGuestAlone() {
        assertEquals(Optional.of(Set.of("web1")), IntentScope.guests(new GuestIntent.SwitchToBridged("web1", MAC,
                Optional.empty())));
        assertEquals(Optional.of(Set.of("web1")), IntentScope.guests(new GuestIntent.SwitchToNat("web1", MAC,
                Optional.of("default"))));
        assertEquals(Optional.of(Set.of("web1")), IntentScope.guests(new GuestIntent.AttachNic("web1", MAC,
                NicType.BRIDGE, "br0", Scope.BOTH)));
        assertEquals(Optional.of(Set.of("web1")), IntentScope.guests(new GuestIntent.SetNicLink("web1", MAC, false)));
    }

    @Test
    void aLinksStateMtuAndBridgePortIpForwardingAndANewBridgeAreAboutNoGuest() {
        for (Intent i : java.util.List.of(new LinkIntent.SetLinkUp("vnet0", false),
                new LinkIntent.SetLinkMaster("vnet0", Optional.of("br0"), Optional.empty()),
                new LinkIntent.SetLinkMtu("vnet0", 9000), new SysctlIntent.SetIpForward(false, Scope.LIVE),
                new LinkIntent.CreateBridge("br9", false, 0, Optional.empty()))) {
            assertEquals(Optional.of(Set.of()), IntentScope.guests(i), i.toString());
        }
    }

    @Test
    void deletingABridgeOrRestartingANetworkMayConcernEveryGuest() {
        // the one names the guests attached to the bridge, the other plugs the network's guests' taps back
        assertEquals(Optional.empty(), IntentScope.guests(new LinkIntent.DeleteBridge("br0", Optional.empty())));
        assertEquals(Optional.empty(), IntentScope.guests(new NetworkIntent.RestartNetwork("default")));
    }
}
