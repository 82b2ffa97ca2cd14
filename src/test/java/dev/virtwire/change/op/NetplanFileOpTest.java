package dev.virtwire.change.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.change.op.NetplanFileOp.Live;
import dev.virtwire.host.Host;
import dev.virtwire.host.HostException;
import dev.virtwire.host.SavedNetworkConfig;
import dev.virtwire.model.ConfigFile;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A netplan file step runs what it shows, in order (the file, netplan generate, the one networkd command); a file
 * netplan generate refuses is put back as it was before the step fails, so nothing half-rendered is left.
 */
class NetplanFileOpTest {
    private static final ConfigFile FILE = ConfigFile.privateToRoot("/etc/netplan/90-virtwire-br9.yaml",
            "network:\n  version: 2\n  bridges:\n    br9: {}\n");
    private final List<String> calls = new ArrayList<>();

    /** A host whose saved configuration records each call; {@code failing} is the one command that fails. */
    private Host host(String failing) {
        SavedNetworkConfig saved = (SavedNetworkConfig) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {SavedNetworkConfig.class}, (proxy, method, args) -> {
                    String call = switch (method.getName()) {
                        case "writeFile" -> "write " + ((ConfigFile) args[0]).path() + " expecting " + args[1];
                        case "removeFile" -> "remove " + args[0] + " expecting " + (((Optional<?>) args[1]).isPresent()
                                ? "its text" : "nothing");
                        case "run" -> String.join(" ", ((List<?>) args[0]).stream().map(Object::toString).toList());
                        default -> throw new AssertionError(method.getName());
                    };
                    calls.add(call);
                    if (call.equals(failing)) {
                        throw new HostException("'" + call + "' failed (exit 1): " + FILE.path() + ":4:5: Error in "
                                + "network definition");
                    }
                    return null;
                });
        return (Host) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Host.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("savedConfig")) {
                        return saved;
                    }
                    throw new AssertionError(method.getName());
                });
    }

    @Test
    void theFileThenNetplanGenerateThenOnlyTheReloadThatMakesTheBridge() {
        NetplanFileOp op = new NetplanFileOp("br9", Optional.empty(), Optional.of(FILE), Live.MAKE);
        op.apply(host("none"));
        assertEquals(List.of("write " + FILE.path() + " expecting Optional.empty", "netplan generate",
                "networkctl reload", "ip link show dev br9"), calls);
        calls.clear();
        op.inverse().apply(host("ip link show dev br9"));
        assertEquals(List.of("remove " + FILE.path() + " expecting its text", "netplan generate",
                "networkctl delete br9", "ip link show dev br9"), calls);
    }

    @Test
    void aFileNetplanRefusesIsPutBackAndNothingElseRuns() {
        NetplanFileOp op = new NetplanFileOp("br9", Optional.empty(), Optional.of(FILE), Live.MAKE);
        HostException e = assertThrows(HostException.class, () -> op.apply(host("netplan generate")));
        assertEquals(List.of("write " + FILE.path() + " expecting Optional.empty", "netplan generate",
                "remove " + FILE.path() + " expecting its text"), calls);
        assertTrue(e.getMessage().startsWith("netplan refused " + FILE.path() + ", so it was put back as it was"),
                e.getMessage());
        assertTrue(e.getMessage().contains(":4:5: Error in network definition"), e.getMessage());
    }

    @Test
    void whatRunsIsWhatThePreviewShows() {
        NetplanFileOp op = new NetplanFileOp("br9", Optional.of(FILE), Optional.empty(), Live.DELETE);
        assertEquals(List.of("rm -f -- " + FILE.path(), "netplan generate", "networkctl delete br9"),
                op.commands().stream().map(c -> c.shown().get(0)).toList());
        assertTrue(op.preview().contains("    -    br9: {}"), op.preview().toString());
    }
}
