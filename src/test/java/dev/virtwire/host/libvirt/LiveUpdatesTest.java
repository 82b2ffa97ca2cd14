package dev.virtwire.host.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.HostChange;
import dev.virtwire.host.ReadScope;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Which parts a burst of signals has read again, and what watchers are told. */
class LiveUpdatesTest {
    private final HostSnapshot demo = SimulatedHost.demo().snapshot();
    private final LinkedBlockingQueue<ReadScope> asked = new LinkedBlockingQueue<>();

    private LiveUpdates updates(HostSnapshot answer) {
        return new LiveUpdates(p -> {
            asked.add(p);
            return answer;
        }, demo);
    }

    @Test
    void aBurstOfLinkLinesIsOneReadOfThoseLinks() throws Exception {
        try (LiveUpdates u = updates(demo)) {
            u.kernelSaid("7: vnet3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state UP group default");
            u.kernelSaid("    link/ether fe:54:00:6b:00:01 brd ff:ff:ff:ff:ff:ff");
            u.kernelSaid("Deleted 8: vnet4@if3: <BROADCAST> mtu 1500 master virbr0 state DOWN");
            u.kernelSaid("3: eth0    inet 192.168.1.20/24 brd 192.168.1.255 scope global eth0");
            ReadScope p = asked.poll(2, TimeUnit.SECONDS);
            assertEquals(Set.of("vnet3", "vnet4", "eth0"), p.links());
            assertFalse(p.everything(), "links only");
            assertFalse(p.kernel(), "continuation lines are part of their link's event");
            assertNull(asked.poll(300, TimeUnit.MILLISECONDS), "one read for the burst");
            u.kernelSaid("default via 192.168.1.1 dev eth0 proto static");
            assertTrue(asked.poll(2, TimeUnit.SECONDS).kernel(), "a route: the whole kernel is read again");
        }
    }

    @Test
    void aFailedReadIsTriedAgainWithWhatItWasToRead() throws Exception {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        try (LiveUpdates u = new LiveUpdates(p -> {
            asked.add(p);
            if (calls.incrementAndGet() == 1) {
                throw new dev.virtwire.host.HostException("libvirt is busy");
            }
            return demo;
        }, demo)) {
            u.kernelSaid("7: vnet3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state UP group default");
            assertEquals(Set.of("vnet3"), asked.poll(2, TimeUnit.SECONDS).links());
            ReadScope again = asked.poll(LiveUpdates.RETRY_MS + 2000, TimeUnit.MILLISECONDS);
            assertEquals(Set.of("vnet3"), again == null ? Set.of() : again.links(), "the failed read is tried again");
            assertNull(asked.poll(LiveUpdates.RETRY_MS + 300, TimeUnit.MILLISECONDS), "and not after it worked");
        }
    }

    @Test
    void theKernelIsReadAgainOnceTheMonitorListens() throws Exception {
        try (LiveUpdates u = updates(demo)) {
            u.kernelChangedIn(200);
            assertNull(asked.poll(100, TimeUnit.MILLISECONDS), "not before the monitor listens");
            assertTrue(asked.poll(2, TimeUnit.SECONDS).kernel());
        }
    }

    @Test
    void anArpEntryMattersOnlyWhenItShowsAGuestAtANewAddress() throws Exception {
        try (LiveUpdates u = updates(demo)) {
            // web1's NIC already has 192.168.122.10; a stranger's MAC means nothing to the model
            u.kernelSaid("192.168.122.10 dev virbr0 lladdr 52:54:00:3a:10:01 REACHABLE");
            u.kernelSaid("192.168.122.77 dev virbr0 lladdr 52:54:00:99:99:99 STALE");
            assertNull(asked.poll(300, TimeUnit.MILLISECONDS));
            u.kernelSaid("192.168.122.99 dev virbr0 lladdr 52:54:00:3a:10:01 REACHABLE");
            assertEquals(Set.of("web1"), asked.poll(2, TimeUnit.SECONDS).guests());
        }
    }

    @Test
    void virtwiresOwnChangeIsAReadOfWhatItNames() throws Exception {
        try (LiveUpdates u = updates(demo)) {
            u.changed(ReadScope.of(List.of(Id.parse("nic:web1/52:54:00:3a:10:01"), Id.parse("tap:web1/52:54:00:3a:10:01"))));
            ReadScope attach = asked.poll(2, TimeUnit.SECONDS);
            assertEquals(Set.of("web1"), attach.guests());
            assertTrue(attach.linkTable(), "its tap moved to another bridge");
            assertFalse(attach.everything() || attach.kernel() || attach.readsNetworks() || attach.firewall());

            u.changed(ReadScope.of(List.of(Id.parse("network:isolated"))));
            ReadScope network = asked.poll(2, TimeUnit.SECONDS);
            assertTrue(network.readsNetworks() && network.kernel(), "a network's bridge comes and goes with it");
            assertFalse(network.everything());

            u.changed(ReadScope.of(List.of(Id.parse("forward:virtwire-tcp-8080"))));
            ReadScope forward = asked.poll(2, TimeUnit.SECONDS);
            assertTrue(forward.firewall());
            assertFalse(forward.everything() || forward.kernel() || forward.readsNetworks() || !forward.guests().isEmpty());
        }
    }

    @Test
    void watchersGetWhatDiffersAndNothingWhenNothingDoes() throws Exception {
        HostSnapshot moved = demo.updateLink("eth1", l -> l.withMaster(Optional.empty()));
        LinkedBlockingQueue<HostChange> heard = new LinkedBlockingQueue<>();
        try (LiveUpdates same = updates(demo); AutoCloseable w = same.add(heard::add)) {
            same.networksChanged();
            assertTrue(asked.poll(2, TimeUnit.SECONDS).readsNetworks());
            assertNull(heard.poll(300, TimeUnit.MILLISECONDS), "an unchanged host is not news");
        }
        try (LiveUpdates changed = updates(moved); AutoCloseable w = changed.add(heard::add)) {
            changed.guestChanged("");
            assertTrue(asked.poll(2, TimeUnit.SECONDS).everything(), "an unnamed guest: read everything");
            HostChange change = heard.poll(2, TimeUnit.SECONDS);
            assertEquals(List.of(new Id.Link("eth1")), change.touched());
        }
    }
}
