package dev.virtwire.change.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.Host;
import dev.virtwire.host.HostException;
import dev.virtwire.host.KernelLinks;
import dev.virtwire.host.SavedNetworkConfig;
import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.ConfigFileChange;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Bridging the uplink through netplan for NetworkManager runs what it shows, in order: the files, netplan generate,
 * NetworkManager's reload, the NIC's profile activated; files netplan refuses are put back (newest first) and
 * rendered again before the step fails. An MTU re-applied by NetworkManager: the keyfile loaded, re-applied, then
 * the kernel's MTU, in one step whose inverse writes the file back before re-applying.
 */
class NetplanNmSwapOpTest {
    private static final ConfigFile OWN = ConfigFile.privateToRoot("/etc/netplan/90-virtwire-brlan.yaml",
            "network:\n  bridges:\n    brlan:\n      interfaces: [eth0]\n");
    private static final ConfigFile USERS = ConfigFile.privateToRoot("/etc/netplan/01-lab.yaml",
            "network:\n  renderer: NetworkManager\n  ethernets:\n    eth0:\n      addresses: [10.0.0.2/24]\n");
    private static final List<ConfigFileChange> FILES = List.of(ConfigFileChange.written(OWN),
            ConfigFileChange.rewritten(USERS, USERS.withText("network:\n  renderer: NetworkManager\n  ethernets:\n"
                    + "    eth0: {}\n")));
    private final List<String> calls = new ArrayList<>();

    /** A host that records each call; {@code failing} is the one that fails, the first time it runs. */
    private Host host(String failing) {
        SavedNetworkConfig saved = (SavedNetworkConfig) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {SavedNetworkConfig.class}, (proxy, method, args) -> record(switch (method.getName()) {
                    case "writeFile" -> "write " + ((ConfigFile) args[0]).path();
                    case "removeFile" -> "remove " + args[0];
                    case "run" -> String.join(" ", ((List<?>) args[0]).stream().map(Object::toString).toList());
                    default -> throw new AssertionError(method.getName());
                }, failing));
        KernelLinks kernel = (KernelLinks) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {KernelLinks.class}, (proxy, method, args) -> record(method.getName() + " " + args[0]
                        + " " + args[1], failing));
        return (Host) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Host.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "savedConfig" -> saved;
                    case "kernel" -> kernel;
                    default -> throw new AssertionError(method.getName());
                });
    }

    private Object record(String call, String failing) {
        calls.add(call);
        if (call.equals(failing) && calls.indexOf(call) == calls.size() - 1) {
            throw new HostException("'" + call + "' failed (exit 1): /etc/netplan/01-lab.yaml:5:7: Error");
        }
        return null;
    }

    @Test
    void theFilesThenNetplanGenerateThenNetworkManagerReadsThemAndActivatesTheNicsProfile() {
        NetplanNmSwapOp op = new NetplanNmSwapOp("eth0", "brlan", true, FILES);
        op.apply(host("none"));
        List<String> ran = List.of("write " + OWN.path(), "write " + USERS.path(), "netplan generate",
                "nmcli connection reload", "nmcli connection up id netplan-eth0", "ip link show dev brlan");
        assertEquals(ran, calls);
        assertEquals(ran.subList(2, 5), op.commands().stream().map(c -> c.shown().get(0))
                .filter(c -> !c.startsWith("tee") && !c.startsWith("ch") && !c.startsWith("mv")).toList(),
                "what runs is what the preview shows");
    }

    @Test
    void filesNetplanRefusesArePutBackNewestFirstAndRenderedAgainAndNetworkManagerIsNotTold() {
        NetplanNmSwapOp op = new NetplanNmSwapOp("eth0", "brlan", true, FILES);
        HostException e = assertThrows(HostException.class, () -> op.apply(host("netplan generate")));
        assertEquals(List.of("write " + OWN.path(), "write " + USERS.path(), "netplan generate",
                "write " + USERS.path(), "remove " + OWN.path(), "netplan generate"), calls);
        assertTrue(e.getMessage().startsWith("netplan refused the files (or one could not be written), so they were "
                + "put back as they were") && e.getMessage().contains("01-lab.yaml:5:7"), e.getMessage());
    }

    @Test
    void anMtuIsReappliedAfterItsKeyfileIsLoadedAndUndoWritesTheFileBackBeforeReapplying() {
        ConfigFile before = ConfigFile.privateToRoot("/etc/NetworkManager/system-connections/br0.nmconnection",
                "[connection]\nid=br0\nuuid=5b1c0e52-7a8e-4d5e-9d61-0a0b0c0d0e02\ntype=bridge\n");
        ConfigFile after = before.withText(before.text() + "\n[ethernet]\nmtu=1400\n");
        NmMtuOp op = new NmMtuOp(new NmProfileOp("br0", "5b1c0e52-7a8e-4d5e-9d61-0a0b0c0d0e02", "br0",
                Optional.of(before), Optional.of(after), true, false, Optional.empty(), Optional.empty(), false),
                new LinkMtuOp("br0", 1400, 1500, false));
        op.inverse().apply(host("none"));
        assertEquals(List.of("write " + before.path(), "nmcli connection load " + before.path(),
                "nmcli device reapply br0", "setLinkMtu br0 1500"), calls);
    }
}
