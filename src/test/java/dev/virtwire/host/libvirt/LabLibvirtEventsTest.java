package dev.virtwire.host.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Pointer;
import dev.virtwire.host.ReadScope;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.lab.Lab;
import dev.virtwire.lab.LabTest;
import dev.virtwire.lab.LabUpOncePerClass;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * libvirt's own events reach a watched host through {@link NativeEvents}: a guest paused and resumed, a NIC
 * plugged and unplugged, a network defined and undefined. Once closed, or once forgotten while libvirt still has
 * the callback (a deregistration a dead connection refused), nothing is heard and the process lives on.
 */
@LabTest
@LabUpOncePerClass // each test puts back what it changed
class LabLibvirtEventsTest {
    /** Bridged on br0: the NIC plugged for a moment goes on network isolated, away from g1's dual stack on default. */
    private static final String GUEST = "g2";
    private final LabTools lab;
    private final String network = "vwev" + (ProcessHandle.current().pid() % 10000);
    private final String mac = String.format("52:54:00:ee:%02x:%02x", (ProcessHandle.current().pid() / 256) % 256,
            ProcessHandle.current().pid() % 256);
    private final LinkedBlockingQueue<ReadScope> asked = new LinkedBlockingQueue<>();
    private LibvirtConnection connection;
    private LiveUpdates updates;

    LabLibvirtEventsTest(Lab lab) {
        this.lab = new LabTools(lab);
    }

    @BeforeEach
    void watch() throws Exception {
        LibvirtLibrary.startEvents(); // before the connection opens, or it hears nothing
        connection = new LibvirtConnection(lab.uri());
        var demo = SimulatedHost.demo().snapshot();
        updates = new LiveUpdates(scope -> {
            asked.add(scope);
            return demo;
        }, demo);
    }

    @AfterEach
    void putBack() throws Exception {
        lab.virshQuietly("resume", GUEST);
        lab.virshQuietly("detach-interface", GUEST, "network", "--mac", mac, "--live");
        lab.virshQuietly("net-undefine", network);
        updates.close();
        connection.close();
    }

    @Test
    void eachKindOfEventAsksForWhatItChanged() throws Exception {
        try (NativeEvents events = new NativeEvents(connection.pointer(), updates)) {
            assertEquals(List.of(), events.register(), "this libvirt sends every kind");

            lab.virsh("suspend", GUEST);
            ReadScope paused = next("pausing " + GUEST);
            assertTrue(paused.guests().contains(GUEST) && paused.kernel(), () -> "asked " + paused);
            lab.virsh("resume", GUEST);
            drain();

            lab.virsh("attach-interface", GUEST, "network", "isolated", "--mac", mac, "--model", "virtio", "--live");
            ReadScope plugged = next("plugging a NIC into " + GUEST);
            assertTrue(plugged.guests().contains(GUEST), () -> "asked " + plugged);
            lab.virsh("detach-interface", GUEST, "network", "--mac", mac, "--live");
            ReadScope unplugged = next("unplugging it");
            assertTrue(unplugged.guests().contains(GUEST), () -> "asked " + unplugged);
            drain();

            Path xml = Files.createTempFile("virtwire-net", ".xml");
            try {
                Files.writeString(xml, "<network><name>" + network + "</name></network>");
                lab.virsh("net-define", xml.toString());
            } finally {
                Files.delete(xml);
            }
            ReadScope defined = next("defining network " + network);
            assertTrue(defined.allNetworks(), () -> "asked " + defined);
        }
        drain();
        lab.virsh("net-undefine", network);
        lab.virsh("suspend", GUEST);
        lab.virsh("resume", GUEST);
        assertNull(asked.poll(1, TimeUnit.SECONDS), "closed: nothing more is heard");
    }

    @Test
    void aCallbackLibvirtStillHoldsAfterItWasForgottenIsIgnored() throws Exception {
        LinkedBlockingQueue<String> heard = new LinkedBlockingQueue<>();
        Pointer opaque = NativeCallbacks.listen(new NativeCallbacks.Heard() {
            @Override
            public void guest(String name, boolean startedOrStopped) {
                heard.add(name);
            }
        });
        NativeCallbacks.Api api = NativeCallbacks.api();
        int id = api.virConnectDomainEventRegisterAny(connection.pointer(), null,
                NativeCallbacks.DOMAIN_EVENT_LIFECYCLE, NativeCallbacks.LIFECYCLE, opaque, null);
        assertTrue(id >= 0, api::virGetLastErrorMessage);
        try {
            lab.virsh("suspend", GUEST);
            assertEquals(GUEST, heard.poll(5, TimeUnit.SECONDS), "registered: heard");
            lab.virsh("resume", GUEST);
            assertNotNull(heard.poll(5, TimeUnit.SECONDS), "the resume too");

            NativeCallbacks.forget(opaque); // as when libvirt refused the deregistration
            System.gc(); // the callback's code must survive any collection
            lab.virsh("suspend", GUEST);
            lab.virsh("resume", GUEST);
            assertNull(heard.poll(1, TimeUnit.SECONDS), "forgotten: libvirt's calls are ignored");
        } finally {
            api.virConnectDomainEventDeregisterAny(connection.pointer(), id);
        }
    }

    private ReadScope next(String what) throws InterruptedException {
        ReadScope scope = asked.poll(5, TimeUnit.SECONDS);
        assertNotNull(scope, "no event heard within 5 s of " + what);
        return scope;
    }

    /** Lets the reads asked for settle, then forgets them. */
    private void drain() throws InterruptedException {
        while (asked.poll(700, TimeUnit.MILLISECONDS) != null) {
            // the resume's, the unplug's tap
        }
    }
}
