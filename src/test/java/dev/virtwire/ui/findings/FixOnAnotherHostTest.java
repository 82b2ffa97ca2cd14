package dev.virtwire.ui.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.virtwire.change.GuestIntent;
import dev.virtwire.diagnose.DemoEdits;
import dev.virtwire.diagnose.Fix;
import dev.virtwire.diagnose.fleet.FleetFinding;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.ui.Messages;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The words on a duplicate MAC's button for another clone: whether the guest there runs (its NIC unplugged and
 * plugged in again), is stopped (its saved config alone) or paused (refused), from its host as drawn now.
 */
class FixOnAnotherHostTest {
    private static final Messages TEXT = new Messages(Locale.ENGLISH);
    private static final String NAS = "52:54:00:3a:10:04";

    private static FleetFinding.HostFix nasOn(String host) {
        GuestIntent.SetNicMac change = new GuestIntent.SetNicMac("nas", NAS, "52:54:00:12:34:56");
        return new FleetFinding.HostFix(host, new Fix("Give nas's NIC " + NAS + " on " + host + " the new MAC "
                + "52:54:00:12:34:56 (as the check words it)", change));
    }

    private static Optional<HostSnapshot> nas(String state) {
        return Optional.of(DemoEdits.demoWith("{\"guests\": {\"nas\": {\"state\": \"" + state + "\"}}}"));
    }

    @Test
    void eachChoiceSaysWhetherTheGuestThereRunsAndSoIsUnplugged() {
        assertEquals("Or give nas on kvm1 a new MAC instead (it runs: its NIC is unplugged and plugged in again)",
                FixOnAnotherHost.label(TEXT, nasOn("kvm1"), nas("running")));
        assertEquals("Or give nas on kvm1 a new MAC instead (it is not running: only its saved config changes)",
                FixOnAnotherHost.label(TEXT, nasOn("kvm1"), nas("shutoff")));
        assertEquals("Or give nas on kvm1 a new MAC instead (it is paused: resume it or shut it off first)",
                FixOnAnotherHost.label(TEXT, nasOn("kvm1"), nas("paused")));
        assertEquals("或改为给 kvm1 上的 nas 换一个新 MAC（它正在运行：其网卡会被拔出后重新插入）",
                FixOnAnotherHost.label(new Messages(Messages.CHINESE), nasOn("kvm1"), nas("running")));
    }

    @Test
    void aHostNotDrawnNowOrAGuestGoneThereGetsTheFixsOwnWords() {
        assertEquals("Or on kvm1 instead: Give nas's NIC " + NAS + " on kvm1 the new MAC 52:54:00:12:34:56 (as the "
                + "check words it)", FixOnAnotherHost.label(TEXT, nasOn("kvm1"), Optional.empty()));
        HostSnapshot noNas = DemoEdits.demo().withGuests(DemoEdits.demo().guests().stream()
                .filter(g -> !g.name().equals("nas")).toList());
        assertEquals("Or on kvm1 instead: Give nas's NIC " + NAS + " on kvm1 the new MAC 52:54:00:12:34:56 (as the "
                + "check words it)", FixOnAnotherHost.label(TEXT, nasOn("kvm1"), Optional.of(noNas)));
    }
}
