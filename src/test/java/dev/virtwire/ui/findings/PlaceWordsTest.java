package dev.virtwire.ui.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.ui.Messages;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where a finding between hosts is, in the window's words rather than ids ("network:default", "nic:web1/52:…"). */
class PlaceWordsTest {
    private static final Messages TEXT = new Messages(Locale.ENGLISH);
    private final Optional<HostSnapshot> demo = Optional.of(SimulatedHost.demo().snapshot());

    @Test
    void eachKindOfPlaceIsNamedAsTheWindowNamesIt() {
        assertEquals("network default", PlaceWords.of(TEXT, new Id.Network("default"), demo));
        assertEquals("guest web1", PlaceWords.of(TEXT, new Id.Guest("web1"), demo));
        assertEquals("guest web1 NIC 52:54:00:3a:10:01", PlaceWords.of(TEXT, new Id.Nic("web1", "52:54:00:3a:10:01"),
                demo));
        assertEquals("LAN / internet", PlaceWords.of(TEXT, new Id.Outside(), demo));
    }

    @Test
    void aLinkIsNamedByItsKindOnItsHost() {
        assertEquals("bridge br0", PlaceWords.of(TEXT, new Id.Link("br0"), demo));
        assertEquals("host NIC eth0", PlaceWords.of(TEXT, new Id.Link("eth0"), demo));
        assertEquals("tap vnet0", PlaceWords.of(TEXT, new Id.Link("vnet0"), demo));
        assertEquals("link eth9", PlaceWords.of(TEXT, new Id.Link("eth9"), Optional.empty()), "no snapshot at hand");
        assertEquals("link eth9", PlaceWords.of(TEXT, new Id.Link("eth9"), demo), "gone from the host since");
    }
}
