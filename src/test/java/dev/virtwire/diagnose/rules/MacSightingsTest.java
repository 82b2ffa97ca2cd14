package dev.virtwire.diagnose.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.diagnose.FdbReads;
import dev.virtwire.diagnose.ProbeRun;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Several reads of a forwarding table, as a flapping duplicate MAC leaves them, and what they say. */
class MacSightingsTest {
    private static final String MAC = "52:54:00:3a:10:01";
    private static final String ON_TAP = MAC + " dev vnet0 master virbr0\nfe:54:00:3a:10:01 dev vnet0 master virbr0 "
            + "permanent\n";
    private static final String ON_IMPOSTOR = MAC + " dev vwimp master virbr0\nfe:54:00:3a:10:01 dev vnet0 master "
            + "virbr0 permanent\n";
    private static final String AGED_OUT = "fe:54:00:3a:10:01 dev vnet0 master virbr0 permanent\n";

    private static MacSightings seen(String... outputs) {
        List<ProbeRun> reads = Arrays.stream(outputs).map(o -> new ProbeRun("bridge fdb show br virbr0", true, o))
                .toList();
        return MacSightings.of(new FdbReads(reads, Duration.ofMillis(3512)), MAC, "virbr0");
    }

    @Test
    void onceOnAnotherPortAmongEightReadsIsADuplicate() {
        MacSightings s = seen(ON_TAP, ON_TAP, ON_IMPOSTOR, ON_TAP, ON_TAP, ON_TAP, ON_TAP, ON_TAP);
        assertEquals(List.of("vwimp"), s.portsOtherThan("vnet0"));
        assertEquals(Optional.of("web1's MAC 52:54:00:3a:10:01 was learnt on vwimp in 1 of 8 reads of virbr0's "
                + "forwarding table over 3.5 s, and on its tap vnet0 in 7"), s.told("web1", "vnet0"));
        assertEquals(ON_IMPOSTOR, s.firstReadElsewhere("vnet0").orElseThrow().output());
    }

    @Test
    void theEvidenceKeepsOnlyTheLinesAboutTheMac() {
        String busy = "33:33:00:00:00:01 dev virbr0 self permanent\n".repeat(20) + ON_IMPOSTOR;
        MacSightings s = seen(ON_TAP, busy);
        assertEquals(List.of("$ bridge fdb show br virbr0", "  52:54:00:3a:10:01 dev vwimp master virbr0"),
                s.evidenceElsewhere("vnet0"));
    }

    @Test
    void onlyOnTheGuestsOwnTapIsNothing() {
        MacSightings s = seen(ON_TAP, ON_TAP, AGED_OUT, ON_TAP, ON_TAP, ON_TAP, ON_TAP, ON_TAP);
        assertTrue(s.portsOtherThan("vnet0").isEmpty());
        assertTrue(s.firstReadElsewhere("vnet0").isEmpty());
        assertTrue(s.evidenceElsewhere("vnet0").isEmpty());
    }

    @Test
    void neverOnTheTapSaysSo() {
        MacSightings s = seen(ON_IMPOSTOR, AGED_OUT, ON_IMPOSTOR);
        assertEquals(Optional.of("web1's MAC 52:54:00:3a:10:01 was learnt on vwimp in 2 of 3 reads of virbr0's "
                + "forwarding table over 3.5 s, and never on its tap vnet0"), s.told("web1", "vnet0"));
    }

    @Test
    void twoOtherPortsAreListedMostOftenFirst() {
        String onEth1 = MAC + " dev eth1 master virbr0\n";
        MacSightings s = seen(onEth1, ON_IMPOSTOR, ON_IMPOSTOR, ON_TAP);
        assertEquals(List.of("vwimp", "eth1"), s.portsOtherThan("vnet0"));
        assertEquals(Optional.of("web1's MAC 52:54:00:3a:10:01 was learnt on vwimp in 2 of 4, on eth1 in 1 of 4 "
                + "reads of virbr0's forwarding table over 3.5 s, and on its tap vnet0 in 1"), s.told("web1", "vnet0"));
    }

    @Test
    void theBridgeItselfAndOtherMacsDoNotCount() {
        MacSightings s = seen(MAC + " dev virbr0 master virbr0 permanent\n",
                "52:54:00:3a:10:02 dev vwimp master virbr0\n" + ON_TAP);
        assertTrue(s.portsOtherThan("vnet0").isEmpty());
    }

    @Test
    void oneReadIsToldByItsOwnLines() {
        MacSightings s = seen(ON_IMPOSTOR);
        assertEquals(List.of("vwimp"), s.portsOtherThan("vnet0"));
        assertTrue(s.told("web1", "vnet0").isEmpty());
    }
}
