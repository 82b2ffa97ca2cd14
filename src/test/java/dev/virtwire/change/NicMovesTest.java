package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.Scope;
import dev.virtwire.host.SuggestedCommands;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.NicType;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NicMovesTest {
    private final HostSnapshot demo = SimulatedHost.demo().snapshot();
    private final Id.Nic web1 = new Id.Nic("web1", "52:54:00:3a:10:01");
    private static final SuggestedCommands REMOTE = new SuggestedCommands(java.util.List.of("--connect",
            "qemu+ssh://root@h/system", "--state-dir", "/tmp/my state"));

    @Test
    void aNicGoesOntoANetworkABridgeOrAHostNic() {
        assertEquals(Optional.of(NicType.NETWORK), NicMoves.onto(demo, web1, new Id.Network("isolated"))
                .map(GuestIntent.AttachNic::type));
        assertEquals(Optional.of(NicType.BRIDGE), NicMoves.onto(demo, web1, new Id.Link("br0"))
                .map(GuestIntent.AttachNic::type));
        assertEquals(Optional.of(NicType.DIRECT), NicMoves.onto(demo, web1, new Id.Link("eth1"))
                .map(GuestIntent.AttachNic::type));
        assertEquals(Optional.empty(), NicMoves.onto(demo, web1, new Id.Link("vnet3")), "a tap is no place");
        assertEquals(Optional.empty(), NicMoves.onto(demo, web1, new Id.Guest("db1")));
        assertEquals(Optional.empty(), NicMoves.onto(demo, web1, new Id.Link("gone0")));
    }

    @Test
    void theRefusalIsThePlannersOwn() {
        GuestIntent.AttachNic toLab = new GuestIntent.AttachNic("web1", web1.mac(), NicType.NETWORK, "lab", Scope.BOTH);
        String why = NicMoves.refusal(demo, toLab, REMOTE).orElseThrow();
        assertTrue(why.contains("network lab is not active"), why);
        assertTrue(why.contains("virtwire network start lab --connect qemu+ssh://root@h/system --state-dir '/tmp/my state'"),
                () -> "the suggestion reaches the same host: " + why);
        ChangeRefused planned = assertThrows(ChangeRefused.class,
                () -> new NicPlanner(demo, REMOTE).attach(toLab));
        assertEquals(why, planned.getMessage());
        assertEquals(Optional.empty(), NicMoves.refusal(demo, new GuestIntent.AttachNic("web1", web1.mac(),
                NicType.NETWORK, "lab", Scope.CONFIG), REMOTE), "only the stored configuration: the network may be off");
    }
}
