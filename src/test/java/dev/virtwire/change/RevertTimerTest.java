package dev.virtwire.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.op.LinkMasterOp;
import dev.virtwire.change.op.ManagerFileOp;
import dev.virtwire.change.op.ManagerLinkOp;
import dev.virtwire.change.op.Operation;
import dev.virtwire.change.op.UplinkWatchdogOp;
import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.ConfigFileChange;
import dev.virtwire.model.LinkOwner;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which risky plans the timer guards, and with which watchdog: kernel steps and files of one manager without a
 * checkpoint get Virtwire's watchdog that puts the files back and runs the kernel steps' inverses; a manager's own
 * command in the plan, or files of two managers, leave it as it was.
 */
class RevertTimerTest {
    private static final ConfigFile BEFORE = new ConfigFile("/etc/network/interfaces", "iface br0 inet manual\n"
            + "    bridge_ports none\n", "644", "root", "root");
    private static final Operation PORTS = new ManagerFileOp("ifupdown", "br0", Optional.of(BEFORE),
            Optional.of(BEFORE.withText("iface br0 inet manual\n    bridge_ports eth1\n")));
    private static final Operation ENSLAVE = new LinkMasterOp("eth1", Optional.of("br0"), Optional.empty(), true);
    private static final Intent INTENT = new LinkIntent.SetLinkMaster("eth1", Optional.of("br0"));

    @Test
    void aPortOfTheBridgeThatCarriesTheHostsConnectionThroughIfupdownGetsTheWatchdogThatPutsItsFileBack() {
        Plan plan = RevertTimer.guard(new Plan(INTENT, "Add eth1 to br0 through ifupdown", List.of(PORTS, ENSLAVE)));
        assertEquals("Add eth1 to br0 through ifupdown (confirm within 60 s)", plan.title());
        UplinkWatchdogOp watchdog = (UplinkWatchdogOp) plan.operations().get(0);
        assertEquals(new UplinkWatchdogOp(watchdog.id(), 60, LinkOwner.IFUPDOWN, List.of(new ConfigFileChange(
                Optional.of(BEFORE), ((ManagerFileOp) PORTS).after())), Optional.empty(), "br0",
                List.of("link set dev eth1 nomaster"), true), watchdog);
        assertEquals(List.of(PORTS, ENSLAVE), plan.operations().subList(1, 3));
    }

    @Test
    void aManagersOwnCommandOrFilesOfTwoManagersLeaveThePlanAsItWas() {
        Plan made = new Plan(INTENT, "t", List.of(PORTS, new ManagerLinkOp("br0", true, LinkOwner.IFUPDOWN), ENSLAVE));
        assertEquals(made, RevertTimer.guard(made), "ifup cannot be taken back by the watchdog");
        Plan two = new Plan(INTENT, "t", List.of(PORTS, new ManagerFileOp("systemd-networkd", "eth1", Optional.empty(),
                Optional.of(BEFORE.withText("[Match]\n"))), ENSLAVE));
        assertEquals(two, RevertTimer.guard(two));
        Plan notRisky = new Plan(INTENT, "t", List.of(PORTS, new LinkMasterOp("eth1", Optional.of("br0"),
                Optional.empty(), false)));
        assertTrue(RevertTimer.guard(notRisky).operations().stream().noneMatch(o -> o instanceof UplinkWatchdogOp));
    }
}
