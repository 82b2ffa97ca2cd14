package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.GuestNics;
import dev.virtwire.host.Host;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.ReadScope;
import dev.virtwire.host.Scope;
import dev.virtwire.host.exec.Target;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.NicType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After the first plan, planning, applying and undoing read only what they are about, and still see what
 * changed there: another admin's change refuses the plan, a change that did not happen fails its check.
 */
class PartialReadsTest {
    static final HostAddress SIM = new HostAddress("sim:///partial-reads", new Target.Local());
    static final String WEB1 = "52:54:00:3a:10:01";
    static final Intent TO_ISOLATED = new GuestIntent.AttachNic("web1", WEB1, NicType.NETWORK, "isolated", Scope.BOTH);

    @TempDir
    Path state;

    @Test
    void anAttachAndItsUndoReadOnlyTheGuestAndTheNetworks() {
        SimulatedHost sim = SimulatedHost.demo();
        Reads reads = new Reads(sim, false);
        try (Changes changes = new Changes(reads.host(), SIM, state)) {
            changes.plan(TO_ISOLATED);
            assertEquals(java.util.List.of(Set.of("web1")), reads.guestReads, "the first plan reads web1, not the "
                    + "host's other guests");
            changes.apply(changes.plan(TO_ISOLATED));
            assertEquals(HistoryEntry.Status.UNDONE, changes.undo().status());
            assertEquals(0, reads.whole, "nothing reads everything");
            assertEquals(Set.of("web1"), reads.asked.guests(), "web1 and its NIC");
            assertEquals(Set.of("isolated", "default"), reads.asked.networks());
            assertFalse(reads.asked.readsLinks() || reads.asked.firewall() || reads.asked.everything(), reads.asked.toString());
        }
    }

    @Test
    void aNicMovedByAnotherAdminAfterPlanningIsSeenThroughAPartialRead() {
        SimulatedHost sim = SimulatedHost.demo();
        Reads reads = new Reads(sim, false);
        try (Changes changes = new Changes(reads.host(), SIM, state)) {
            changes.plan(new NetworkIntent.RestartNetwork("routed"));
            Plan plan = changes.plan(TO_ISOLATED);
            sim.attachNic("web1", WEB1, NicType.BRIDGE, "br0", Scope.BOTH);
            HostSnapshot drifted = Snapshots.normalized(sim.snapshot());

            ChangeRefused refused = assertThrows(ChangeRefused.class, () -> changes.apply(plan));
            assertTrue(refused.getMessage().contains("web1's NIC " + WEB1 + " is on bridge br0, not on network default"),
                    refused.getMessage());
            assertTrue(refused.getMessage().contains("Nothing was changed"), refused.getMessage());
            assertEquals(drifted, Snapshots.normalized(sim.snapshot()));
            assertEquals(1, reads.whole, "seen without reading the whole host");
        }
    }

    @Test
    void aMoveTheHostDidNotMakeFailsItsCheckOnAPartialRead() {
        SimulatedHost sim = SimulatedHost.demo();
        Reads reads = new Reads(sim, true);
        HostSnapshot before = Snapshots.normalized(sim.snapshot());
        try (Changes changes = new Changes(reads.host(), SIM, state)) {
            ChangeFailed failed = assertThrows(ChangeFailed.class, () -> changes.apply(changes.plan(TO_ISOLATED)));
            assertTrue(failed.getMessage().contains("is on network default, not on network isolated"),
                    failed.getMessage());
            assertTrue(failed.hostUnchanged(), failed.getMessage());
            assertEquals(before, Snapshots.normalized(sim.snapshot()));
            assertEquals(0, reads.whole);
            assertEquals(java.util.List.of(Set.of("web1")), reads.guestReads);
        }
    }

    @Test
    void anIntentAboutTheHostAfterOneAboutAGuestPlansOnAReadOfEverything() {
        SimulatedHost sim = SimulatedHost.demo();
        Reads reads = new Reads(sim, false);
        try (Changes changes = new Changes(reads.host(), SIM, state)) {
            changes.readGuests(Set.of("web1"));
            changes.plan(TO_ISOLATED);
            assertEquals(0, reads.whole, "planning a move of web1's NIC on the read of web1");
            assertEquals(java.util.List.of(Set.of("web1")), reads.guestReads);
            changes.plan(new GuestIntent.AttachNic("db1", "52:54:00:3a:10:02", NicType.NETWORK, "routed", Scope.BOTH));
            assertEquals(java.util.List.of(Set.of("web1"), Set.of("db1", "web1")), reads.guestReads,
                    "another guest: read with the first");
            changes.plan(new SysctlIntent.SetIpForward(false));
            assertEquals(0, reads.whole, "IP forwarding is about no guest");
            changes.plan(new NetworkIntent.RestartNetwork("default"));
            assertEquals(1, reads.whole, "a planner that may look at every guest gets every guest");
        }
    }

    /** The demo host seen through a proxy that counts whole reads, collects the subjects of partial ones, and
     * (if asked) ignores NIC moves as a host that acknowledged one it did not make. */
    private static final class Reads {
        private final SimulatedHost sim;
        private final boolean ignoreMoves;
        int whole;
        final java.util.List<Set<String>> guestReads = new java.util.ArrayList<>();
        ReadScope asked = ReadScope.NOTHING;

        Reads(SimulatedHost sim, boolean ignoreMoves) {
            this.sim = sim;
            this.ignoreMoves = ignoreMoves;
        }

        Host host() {
            return (Host) Proxy.newProxyInstance(Host.class.getClassLoader(), new Class<?>[] {Host.class},
                    (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "snapshot" -> whole++;
                            case "snapshotOfGuests" -> {
                                @SuppressWarnings("unchecked")
                                Set<String> guests = (Set<String>) args[0];
                                guestReads.add(guests);
                                // as a real host reads: the named guests only
                                HostSnapshot all = sim.snapshot();
                                return new HostSnapshot(all.host(), all.takenAt(), all.links(), all.routes(),
                                        all.kernel(), all.networks(), all.guests().stream()
                                        .filter(g -> guests.contains(g.name())).toList(), all.firewall(),
                                        all.saved(), all.gaps(), all.routes6());
                            }
                            case "refresh" -> asked = asked.with((ReadScope) args[1]);
                            case "guests" -> {
                                if (ignoreMoves) {
                                    return movesIgnored();
                                }
                            }
                            default -> {
                                // passed on as it is
                            }
                        }
                        try {
                            return method.invoke(sim, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        /** The guests' part of a host that says yes to NIC moves and does nothing. */
        private GuestNics movesIgnored() {
            return new GuestNics() {
                @Override
                public void attachNic(String guest, String mac, NicType type, String source, Scope scope) {
                }

                @Override
                public void setNicLink(String guest, String mac, boolean up, Scope scope) {
                    sim.setNicLink(guest, mac, up, scope);
                }

                @Override
                public void setNicMac(String guest, String mac, String newMac, Scope scope) {
                    sim.setNicMac(guest, mac, newMac, scope);
                }
            };
        }
    }
}
