package dev.virtwire.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The slow probes of a diagnosis (the capture, arping) are started before the rules run, so their seconds pass
 * side by side: a rule that waits for the capture must not hold back the arping another rule needs.
 */
class ProbesAheadTest {

    /** Probes that answer nothing and write down who asked what, and whether it was asked ahead. */
    private static final class Recorded implements Probes {
        final List<String> asked = new ArrayList<>();
        private boolean aheadNow;

        @Override
        public boolean active() {
            return true;
        }

        @Override
        public void ahead(Consumer<Probes> probe) {
            aheadNow = true;
            probe.accept(this);
            aheadNow = false;
        }

        private Optional<ProbeRun> ask(String what) {
            asked.add((aheadNow ? "ahead " : "") + what);
            return Optional.empty();
        }

        @Override
        public Optional<ProbeRun> ping(String address, Optional<String> fromAddress) {
            return ask("ping " + address);
        }

        @Override
        public Optional<ProbeRun> arping(String link, String address) {
            return ask("arping " + link + " " + address);
        }

        @Override
        public Optional<ProbeRun> capture(String tap, String mac) {
            return ask("capture " + tap);
        }

        @Override
        public Optional<ProbeRun> leases(String network) {
            return ask("leases " + network);
        }

        @Override
        public Optional<ProbeRun> fdb(String bridge) {
            return ask("fdb " + bridge);
        }

        @Override
        public Optional<ProbeRun> bridgePorts() {
            return ask("bridge ports");
        }

        @Override
        public Optional<ProbeRun> dhcpServers() {
            return ask("dhcp servers");
        }
    }

    @Test
    void theCaptureAndTheArpingOfTheGuestsAddressStartBeforeAnyRuleAsks() {
        Recorded probes = new Recorded();
        new Troubleshooter(probes).diagnose(DemoEdits.demo(), "web1", Optional.empty(), Destination.internet());
        int firstByRule = indexOf(probes.asked, s -> !s.startsWith("ahead "));
        List<String> ahead = probes.asked.subList(0, firstByRule < 0 ? probes.asked.size() : firstByRule);
        assertTrue(ahead.stream().anyMatch(s -> s.startsWith("ahead capture vnet")), probes.asked::toString);
        assertTrue(ahead.stream().anyMatch(s -> s.startsWith("ahead arping virbr0 192.168.122.")),
                probes.asked::toString);
    }

    /** A fix's first look for a finding no probe makes runs no probe: the capture alone would take seconds. */
    @Test
    void lookingForOneFindingRunsOnlyTheProbesOfTheRulesThatMakeIt() {
        Recorded probes = new Recorded();
        new Troubleshooter(probes).lookingFor(Catalog.IP_FORWARD_DISABLED).diagnose(DemoEdits.demo(), "web1",
                Optional.empty(), Destination.internet());
        assertEquals(List.of(), probes.asked);
        Recorded arping = new Recorded();
        new Troubleshooter(arping).lookingFor(Catalog.DUPLICATE_IP).diagnose(DemoEdits.demo(), "web1",
                Optional.empty(), Destination.internet());
        assertTrue(arping.asked.stream().allMatch(s -> s.startsWith("ahead arping ") || s.startsWith("arping ")),
                arping.asked::toString);
        assertFalse(arping.asked.isEmpty(), "duplicate-ip asks who else answers for the guest's address");
    }

    private static int indexOf(List<String> list, java.util.function.Predicate<String> p) {
        for (int i = 0; i < list.size(); i++) {
            if (p.test(list.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
