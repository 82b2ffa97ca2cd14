package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.Scope;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.NicType;
import dev.virtwire.model.PortForward;
import dev.virtwire.model.VirtualNetwork;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step of several commands that fails part-way is taken back, or named with what remains, and the message
 * says how the host was left: never "as it was" while part of the step stays.
 */
class HalfDoneStepTest {
    static final String WEB1 = "52:54:00:3a:10:01";
    static final Intent FORWARD = new FirewallIntent.AddPortForward("tcp", 8080, "192.168.122.10", 80);
    static final PortForward RULES = new PortForward("tcp", 8080, "192.168.122.10", 80);
    static final String STEP = "Forward " + RULES.describe() + dev.virtwire.change.op.PortForwardOp.NOT_SAVED;
    static final Intent RESERVE = new NetworkIntent.AddDhcpHost("default", "52:54:00:aa:bb:01", "192.168.122.240",
            java.util.Optional.empty());
    static final Intent MOVE = new GuestIntent.AttachNic("web1", WEB1, NicType.NETWORK, "isolated", Scope.BOTH);

    @TempDir
    Path state;

    final SimulatedHost sim = SimulatedHost.demo();
    final PartWayHost host = new PartWayHost(sim);

    @Test
    void aPortForwardStoppedAfterItsFirstRuleIsTakenBack() {
        host.refuseAccept = true;
        ChangeFailed failed = fail(FORWARD);

        assertEquals(STEP, failed.failedStep());
        assertEquals(List.of(STEP + " (the part done before it failed)"), failed.reverted(),
                failed.getMessage());
        assertTrue(failed.hostUnchanged(), failed.getMessage());
        assertTrue(failed.getMessage().endsWith("The host is as it was before the change."), failed.getMessage());
        assertFalse(PartWayHost.hasRuleOf(host.snapshot(), RULES), "the DNAT rule is gone again");
    }

    @Test
    void aHalfDonePortForwardThatCannotBeTakenBackIsListedWithWhatRemains() {
        host.refuseAccept = true;
        host.refuseRemoval = true;
        ChangeFailed failed = fail(FORWARD);

        assertEquals(List.of(), failed.reverted());
        assertEquals(1, failed.notReverted().size(), failed.getMessage());
        String left = failed.notReverted().get(0);
        assertTrue(left.startsWith(STEP + " (the firewall still lists"), left);
        assertTrue(left.contains("taking it back failed: 'iptables"), left);
        assertSaysPartlyChanged(failed);
        assertTrue(PartWayHost.hasRuleOf(host.snapshot(), RULES), "what the message says remains is there");
    }

    @Test
    void aHalfDoneStepThatCannotBeReadAgainIsNotCalledReverted() {
        host.refuseAccept = true;
        host.unreadableAfterWrites = true;
        ChangeFailed failed = fail(FORWARD);

        assertEquals(List.of(STEP + " (the host could not be read to see what it did: "
                + "cannot recv data: connection reset (injected))"), failed.notReverted(), failed.getMessage());
        assertSaysPartlyChanged(failed);
    }

    @Test
    void aNicChangeWhoseSavedConfigFailsIsTakenBackOnTheRunningGuest() {
        host.refuseSavedConfig = true;
        ChangeFailed failed = fail(MOVE);

        assertTrue(failed.getMessage().contains("saved config was not"), failed.getMessage());
        assertEquals(1, failed.reverted().size(), failed.getMessage());
        assertTrue(failed.hostUnchanged(), failed.getMessage());
        assertEquals("default", liveNic().source().orElseThrow(), "the running guest is back on its network");
        assertEquals("default", savedNic().source().orElseThrow());
    }

    @Test
    void aSavedConfigThatDidNotChangeFailsVerification() {
        host.ignoreSavedConfig = true;
        ChangeFailed failed = fail(MOVE);

        assertTrue(failed.getMessage().contains("in the saved config, web1's NIC " + WEB1 + " is on network default, "
                + "not on network isolated"), failed.getMessage());
        assertTrue(failed.hostUnchanged(), failed.getMessage());
        assertEquals("default", liveNic().source().orElseThrow());
    }

    @Test
    void aNicChangeIsVerifiedInBothHalves() {
        try (Changes changes = new Changes(host, ExecutorRollbackTest.SIM, state)) {
            changes.apply(changes.plan(MOVE));
        }
        assertEquals("isolated", liveNic().source().orElseThrow());
        assertEquals("isolated", savedNic().source().orElseThrow());
    }

    @Test
    void aFailedRevertOfTheSavedHalfIsListed() {
        try (Changes changes = new Changes(host, ExecutorRollbackTest.SIM, state)) {
            changes.apply(changes.plan(MOVE));
            host.refuseSavedConfig = true;
            ChangeFailed failed = assertThrows(ChangeFailed.class, changes::undo);
            // the undo's own step failed half-way: its running half is taken back, so the move stays whole
            assertTrue(failed.hostUnchanged(), failed.getMessage());
            assertEquals("isolated", liveNic().source().orElseThrow());
            assertEquals("isolated", savedNic().source().orElseThrow());
        }
    }

    @Test
    void aChangeToARunningGuestsSavedConfigOnlyIsCheckedThereAndUndone() {
        Intent savedOnly = new GuestIntent.AttachNic("web1", WEB1, NicType.NETWORK, "isolated", Scope.CONFIG);
        try (Changes changes = new Changes(host, ExecutorRollbackTest.SIM, state)) {
            changes.apply(changes.plan(savedOnly));
            assertEquals("default", liveNic().source().orElseThrow(), "the running guest keeps its network");
            assertEquals("isolated", savedNic().source().orElseThrow(), "until it restarts");
            assertEquals(HistoryEntry.Status.UNDONE, changes.undo().status());
        }
        assertEquals("default", liveNic().source().orElseThrow());
        assertEquals("default", savedNic().source().orElseThrow());
    }

    /** Recovery judges the step in flight by the saved config too: what runs never showed it. */
    @Test
    void aSavedConfigChangeCutOffBeforeTheJournalSaidSoIsTakenBackByRecovery() {
        Intent savedOnly = new GuestIntent.AttachNic("web1", WEB1, NicType.NETWORK, "isolated", Scope.CONFIG);
        host.killAfterSavedConfig = true;
        Changes dying = new Changes(host, ExecutorRollbackTest.SIM, state);
        Plan plan = dying.plan(savedOnly);
        assertThrows(FailingHost.Killed.class, () -> dying.apply(plan));
        host.killAfterSavedConfig = false;
        assertEquals("isolated", savedNic().source().orElseThrow(), "libvirt saved it before the process died");

        try (Changes restarted = new Changes(host, ExecutorRollbackTest.SIM, state)) {
            HistoryEntry recovered = restarted.recover();
            assertEquals(HistoryEntry.Status.RECOVERED, recovered.status());
        }
        assertEquals("default", savedNic().source().orElseThrow(), "the saved config is as it was");
        assertEquals("default", liveNic().source().orElseThrow());
    }

    @Test
    void aReservationIsVerifiedInTheNetworksSavedConfigToo() {
        try (Changes changes = new Changes(host, ExecutorRollbackTest.SIM, state)) {
            changes.apply(changes.plan(RESERVE));
        }
        assertTrue(reserved(host.savedNetwork("default").orElseThrow()));
        assertTrue(reserved(host.snapshot().network("default").orElseThrow()));
    }

    @Test
    void aReservationMissingFromTheSavedConfigFailsAndIsTakenBack() {
        host.ignoreSavedConfig = true;
        ChangeFailed failed = fail(RESERVE);

        assertTrue(failed.getMessage().contains("in the saved config, the reservation 192.168.122.240 is missing"),
                failed.getMessage());
        assertTrue(failed.hostUnchanged(), failed.getMessage());
        assertFalse(reserved(host.snapshot().network("default").orElseThrow()), "the running network as it was");
    }

    private static boolean reserved(VirtualNetwork network) {
        return network.ips().stream().flatMap(i -> i.dhcpHosts().stream())
                .anyMatch(h -> h.ip().equals("192.168.122.240"));
    }

    private static void assertSaysPartlyChanged(ChangeFailed failed) {
        assertFalse(failed.hostUnchanged());
        assertTrue(failed.getMessage().contains("Could NOT revert"), failed.getMessage());
        assertFalse(failed.getMessage().contains("as it was before"), failed.getMessage());
    }

    private ChangeFailed fail(Intent intent) {
        try (Changes changes = new Changes(host, ExecutorRollbackTest.SIM, state)) {
            Plan plan = changes.plan(intent);
            return assertThrows(ChangeFailed.class, () -> changes.apply(plan));
        }
    }

    private GuestNic liveNic() {
        return sim.snapshot().guest("web1").flatMap(g -> g.nic(WEB1)).orElseThrow();
    }

    private GuestNic savedNic() {
        return host.savedGuest("web1").flatMap(g -> g.nic(WEB1)).orElseThrow();
    }

}
