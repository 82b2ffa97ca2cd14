package dev.virtwire.ui.inspector;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.DhcpLease;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.ui.Messages;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A network's DHCP leases in the inspector, each by its guest (or the name its client gave) and its end. */
class LeaseFactsTest {
    private static final Messages TEXT = new Messages(Locale.ENGLISH);

    private static String lines(HostSnapshot s) {
        return String.join("\n", Facts.of(s, new Id.Network("default"), TEXT).stream()
                .map(f -> f.category() + " | " + f.name() + " | " + f.value()).toList());
    }

    @Test
    void theDemoNetworkListsItsLeasesByGuestAlsoOneOfAGuestThatStopped() {
        String lines = lines(SimulatedHost.demo().snapshot());
        assertTrue(lines.contains("DHCP leases | 192.168.122.10 (web1) ← 52:54:00:3a:10:01"), lines);
        assertTrue(lines.contains("DHCP leases | 192.168.122.37 (build) ← 52:54:00:3a:10:08"), lines);
    }

    @Test
    void aLeaseEndingTodayShowsTheTimeAndALaterOneTheDate() {
        ZoneId here = ZoneId.systemDefault();
        Instant soon = LocalDateTime.now(here).withHour(23).withMinute(59).atZone(here).toInstant();
        Instant later = soon.plusSeconds(3 * 86_400);
        HostSnapshot s = SimulatedHost.demo().snapshot().updateNetwork("default", n -> n.withLeases(List.of(
                new DhcpLease("52:54:00:aa:bb:01", "192.168.122.50/24", Optional.of(soon), Optional.of("laptop")),
                new DhcpLease("52:54:00:aa:bb:02", "192.168.122.51/24", Optional.of(later), Optional.empty()))));
        String lines = lines(s);
        assertTrue(lines.contains("192.168.122.50 (laptop) · until 23:59 ← 52:54:00:aa:bb:01"), lines);
        assertTrue(lines.contains("192.168.122.51 · until " + later.atZone(here).toLocalDate()
                + " 23:59 ← 52:54:00:aa:bb:02"), lines);
    }

    @Test
    void aStoppedNetworkListsNoLeasesAndGetsThemBackWhenStarted() {
        SimulatedHost host = SimulatedHost.demo();
        host.setNetworkActive("default", false);
        assertTrue(!lines(host.snapshot()).contains("DHCP leases"), lines(host.snapshot()));
        host.setNetworkActive("default", true);
        assertTrue(lines(host.snapshot()).contains("192.168.122.37 (build) ← 52:54:00:3a:10:08"),
                lines(host.snapshot()));
    }
}
