package dev.virtwire.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.LinkIntent;
import dev.virtwire.host.Scope;
import dev.virtwire.model.HostSnapshot;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * not-saved and manager-conflict on the demo host edited: the steps are the commands of the manager the host
 * uses, both findings together come in the order of what goes first at boot, and nothing is said where the saved
 * configuration was not read.
 */
class SavedStateFindingsTest {
    /** nas moved to br9, made by hand, with eth1 taken from NetworkManager's br0 into it. */
    private static final String BR9 = """
            {"links": {"br9": {"kind": "bridge", "mac": "52:54:00:99:00:01", "mtu": 1500, "state": "up",
                               "addresses": ["192.168.1.31/24"]},
                       "eth1": {"master": "br9"}, "vnet3": {"master": "br9"}},
             "guests": {"nas": {"nics": {"52:54:00:3a:10:04": {"source": "br9"}}}}%s}""";

    @Test
    void aBridgeMadeByHandIsNamedFirstWithTheStepsOfTheManagerThatOwnsItsPort() {
        Diagnosis d = lan(BR9.formatted(""));
        Finding first = d.findings().get(0);
        assertEquals("not-saved", first.id(), DemoGuestsTest.describe(d));
        assertTrue(first.title().startsWith("br9 runs only until the next reboot"), first.title());
        assertEquals(List.of("nmcli connection add type bridge ifname br9 con-name br9 ipv4.method manual "
                        + "ipv4.addresses 192.168.1.31/24",
                "nmcli connection add type ethernet ifname eth1 con-name br9-port-eth1 master br9 slave-type bridge",
                "nmcli connection up br9",
                "no one-click fix for this case (Virtwire saves a bridge made by hand, and a port moved by hand into "
                        + "a bridge, through NetworkManager, systemd-networkd, ifupdown or netplan): run the steps above"),
                first.steps());
        assertTrue(first.fix().isEmpty(), "a bridge with an address of its own is saved by hand");
        Finding conflict = d.finding("manager-conflict").orElseThrow(() -> new AssertionError(
                DemoGuestsTest.describe(d)));
        assertTrue(conflict.evidence().contains("NetworkManager (bridge-slave-eth1): master: running br9, saved br0"),
                conflict.evidence()::toString);
        assertTrue(conflict.steps().contains("nmcli connection modify 'bridge-slave-eth1' master br9 "
                + "slave-type bridge"), conflict.steps()::toString);
        assertTrue(conflict.steps().contains("or give eth1 back to NetworkManager as it saved it: ip link set eth1 "
                + "master br0"), conflict.steps()::toString);
    }

    @Test
    void aVlanOrBondPortIsSavedAsWhatItIsNotAsAnEthernetProfile() {
        Diagnosis d = lan(BR9.replace("\"eth1\": {\"master\": \"br9\"}", "\"eth1\": {\"master\": \"br9\"}, "
                + "\"eth1.10\": {\"kind\": \"vlan\", \"parent\": \"eth1\", \"vlan\": 10, \"mac\": \"52:54:00:99:00:02\", "
                + "\"mtu\": 1500, \"state\": \"up\", \"master\": \"br9\"}").formatted(""));
        Finding first = d.findings().get(0);
        assertTrue(first.steps().contains("nmcli connection add type vlan ifname eth1.10 con-name br9-port-eth1.10 dev "
                + "eth1 id 10 master br9 slave-type bridge"), first.steps()::toString);
        assertTrue(first.steps().contains("nmcli connection add type ethernet ifname eth1 con-name br9-port-eth1 "
                + "master br9 slave-type bridge"), first.steps()::toString);
    }

    @Test
    void aBridgeMadeByHandWithoutAddressesIsSavedInOneClickWithThePortMovedIntoIt() {
        Diagnosis d = lan(BR9.replace("\"addresses\": [\"192.168.1.31/24\"]", "\"addresses\": []").formatted(""));
        Finding notSaved = d.finding("not-saved").orElseThrow(() -> new AssertionError(DemoGuestsTest.describe(d)));
        assertEquals(Optional.of(new LinkIntent.SaveBridge("br9")), notSaved.fix().map(Fix::intent));
        assertTrue(notSaved.steps().stream().noneMatch(l -> l.startsWith("no one-click fix")), notSaved.steps()::toString);
        Finding conflict = d.finding("manager-conflict").orElseThrow();
        assertTrue(conflict.title().endsWith("; the fix keeps the change (the guest relies on it) and saves it through "
                + "NetworkManager"), conflict.title());
        assertEquals(Optional.of(new LinkIntent.SaveBridge("br9")), conflict.fix().map(Fix::intent));
    }

    @Test
    void anAddressAddedByHandHasNoFixButTheStepsBothWays() {
        Diagnosis d = lan("{\"links\": {\"br0\": {\"addresses\": [\"192.168.1.30/24\"]}}}");
        Finding conflict = d.finding("manager-conflict").orElseThrow(() -> new AssertionError(DemoGuestsTest.describe(d)));
        assertTrue(conflict.fix().isEmpty(), conflict.title());
        assertTrue(conflict.steps().get(conflict.steps().size() - 1).startsWith("no one-click fix"),
                conflict.steps()::toString);
        assertTrue(conflict.steps().stream().anyMatch(l -> l.startsWith("or give br0 back to NetworkManager")),
                conflict.steps()::toString);
    }

    @Test
    void onSystemdNetworkdTheStepsAreItsFilesAndAReload() {
        Diagnosis d = lan(BR9.formatted(", " + onlyManager("systemd-networkd")));
        List<String> steps = d.finding("not-saved").orElseThrow().steps();
        assertEquals("write /etc/systemd/network/60-br9.netdev: [NetDev] Name=br9 Kind=bridge", steps.get(0));
        assertEquals("write /etc/systemd/network/60-br9.network: [Match] Name=br9 [Network] Address=192.168.1.31/24",
                steps.get(1));
        assertTrue(steps.contains("networkctl reload"), steps::toString);
    }

    @Test
    void onIfupdownTheStepsAreAnInterfacesStanza() {
        Diagnosis d = lan(BR9.formatted(", " + onlyManager("ifupdown")));
        List<String> steps = d.finding("not-saved").orElseThrow().steps();
        assertEquals("add to /etc/network/interfaces: auto br9 / iface br9 inet static / address 192.168.1.31/24 / "
                + "bridge_ports eth1", steps.get(0));
    }

    @Test
    void onNetplanRenderingForNetworkdABridgeMadeByHandAndAPortMovedIntoItAreSavedThroughNetplanInOneClick() {
        Diagnosis d = lan(BR9.replace("\"addresses\": [\"192.168.1.31/24\"]", "\"addresses\": []").formatted(", "
                + netplan("")));
        Finding notSaved = d.finding("not-saved").orElseThrow(() -> new AssertionError(DemoGuestsTest.describe(d)));
        assertEquals(Optional.of(new LinkIntent.SaveBridge("br9")), notSaved.fix().map(Fix::intent));
        assertTrue(notSaved.steps().get(0).startsWith("in /etc/netplan/60-virtwire.yaml"), notSaved.steps()::toString);
        Finding conflict = d.finding("manager-conflict").orElseThrow(() -> new AssertionError(
                DemoGuestsTest.describe(d)));
        assertTrue(conflict.title().endsWith("saves it through netplan"), conflict.title());
        assertEquals(Optional.of(new LinkIntent.SaveBridge("br9")), conflict.fix().map(Fix::intent));
    }

    @Test
    void onNetplanAPortItsYamlListsInAnotherBridgeHasNoFixButThePortOfNoBridgeIsSavedAsAPort() {
        // br9 saved by netplan too: a port of no bridge joins it through a file of Virtwire's own
        String br9Saved = ", {\"name\": \"br9\", \"manager\": \"netplan\", \"profile\": \"" + USERS_YAML
                + ":9\", \"at_boot\": true, \"active\": true, \"master\": null, \"dhcp\": false, \"addresses\": []}";
        Diagnosis free = lan(BR9.replace("\"addresses\": [\"192.168.1.31/24\"]", "\"addresses\": []")
                .formatted(", " + netplan(br9Saved)));
        Finding port = free.finding("manager-conflict").orElseThrow(() -> new AssertionError(
                DemoGuestsTest.describe(free)));
        assertEquals(Optional.of(new LinkIntent.SetLinkMaster("eth1", Optional.of("br9"), Optional.of(Scope.CONFIG))),
                port.fix().map(Fix::intent));
        // eth1 listed in br0's interfaces in the user's YAML: netplan appends ports, it never takes one away
        Diagnosis listed = lan(BR9.replace("\"addresses\": [\"192.168.1.31/24\"]", "\"addresses\": []")
                .formatted(", " + netplan(br9Saved).replace("\"eth1\", \"manager\": \"netplan\", \"profile\": \""
                        + USERS_YAML + ":5\", \"at_boot\": true, \"active\": true, \"master\": null",
                        "\"eth1\", \"manager\": \"netplan\", \"profile\": \"" + USERS_YAML + ":5\", \"at_boot\": "
                                + "true, \"active\": true, \"master\": \"br0\"")));
        Finding inBr0 = listed.finding("manager-conflict").orElseThrow(() -> new AssertionError(
                DemoGuestsTest.describe(listed)));
        assertTrue(inBr0.fix().isEmpty(), inBr0.title());
        Diagnosis byHand = lan(BR9.replace("\"addresses\": [\"192.168.1.31/24\"]", "\"addresses\": []")
                .formatted(", " + netplan("").replace("\"master\": null", "\"master\": \"br0\"")));
        Finding notSaved = byHand.finding("not-saved").orElseThrow(() -> new AssertionError(
                DemoGuestsTest.describe(byHand)));
        assertTrue(notSaved.fix().isEmpty(), "saving br9 through netplan would leave eth1 in br0 too");
        assertTrue(inBr0.steps().get(inBr0.steps().size() - 1).startsWith("no one-click fix"), inBr0.steps()::toString);
    }

    private static final String USERS_YAML = "/etc/netplan/01-netcfg.yaml";

    /** netplan's YAML found (eth1 in it, in no bridge) and systemd-networkd running to carry it out. */
    private static String netplan(String moreLinks) {
        return "\"saved_config\": {\"managers\": [{\"name\": \"systemd-networkd\", \"running\": true, \"evidence\": "
                + "\"test\"}, {\"name\": \"netplan\", \"running\": false, \"evidence\": \"" + USERS_YAML + "\"}], "
                + "\"links\": [{\"name\": \"eth1\", \"manager\": \"netplan\", \"profile\": \"" + USERS_YAML
                + ":5\", \"at_boot\": true, \"active\": true, \"master\": null, \"dhcp\": false, \"addresses\": []}"
                + moreLinks + "]}";
    }

    @Test
    void withNoManagerTheStepsSaySoInsteadOfGuessing() {
        Diagnosis d = lan(BR9.formatted(", \"saved_config\": {\"managers\": [], \"links\": []}"));
        Finding notSaved = d.finding("not-saved").orElseThrow();
        assertTrue(notSaved.steps().get(0).startsWith("no network configuration manager was found"),
                notSaved.steps()::toString);
        assertTrue(notSaved.evidence().contains("managers found: none"), notSaved.evidence()::toString);
        assertTrue(d.finding("manager-conflict").isEmpty(), "nothing owns eth1 then");
    }

    @Test
    void aPortEnslavedByHandToASavedBridgeIsNotSaved() {
        Diagnosis d = lan("""
                {"links": {"eth2": {"kind": "physical", "mac": "52:54:00:99:00:02", "mtu": 1500, "state": "up",
                                    "master": "br0", "addresses": []}}}""");
        Finding notSaved = d.finding("not-saved").orElseThrow(() -> new AssertionError(DemoGuestsTest.describe(d)));
        assertTrue(notSaved.title().startsWith("eth2 in br0 runs only until the next reboot"), notSaved.title());
    }

    @Test
    void nothingIsSaidWhenTheSavedConfigurationWasNotRead() {
        HostSnapshot host = DemoEdits.demoWith(BR9.formatted("")).withSaved(dev.virtwire.model.SavedConfig.unknown());
        Diagnosis d = new Troubleshooter().diagnose(host, "nas", Optional.empty(), Destination.lan());
        assertTrue(d.finding("not-saved").isEmpty() && d.finding("manager-conflict").isEmpty(),
                DemoGuestsTest.describe(d));
    }

    @Test
    void theDemoHostAsShippedHasNeither() {
        for (String guest : List.of("nas", "backup", "web1", "media", "gitlab")) {
            Diagnosis d = new Troubleshooter().diagnose(DemoEdits.demo(), guest, Optional.empty(), Destination.lan());
            assertTrue(d.finding("not-saved").isEmpty() && d.finding("manager-conflict").isEmpty(),
                    DemoGuestsTest.describe(d));
        }
    }

    private static String onlyManager(String name) {
        return "\"saved_config\": {\"managers\": [{\"name\": \"" + name + "\", \"running\": true, \"evidence\": \"test\"}],"
                + " \"links\": []}";
    }

    private static Diagnosis lan(String edits) {
        return new Troubleshooter().diagnose(DemoEdits.demoWith(edits), "nas", Optional.empty(), Destination.lan());
    }
}
