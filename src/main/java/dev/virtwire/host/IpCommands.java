package dev.virtwire.host;

import dev.virtwire.model.BridgeSettings;
import dev.virtwire.model.LinkName;
import dev.virtwire.model.Route;
import java.util.ArrayList;
import java.util.List;

/**
 * The iproute2 and sysctl argv of {@link KernelLinks} and {@link Sysctl}: what a real host runs, what
 * previews show, and the lines a host-side revert watchdog feeds to {@code ip -batch}. One place, so the
 * three can never disagree.
 */
public final class IpCommands {
    private IpCommands() {
    }

    /** Link names are checked by the kernel's rules before anything runs ({@link LinkName}). */
    public static List<String> setUp(String link, boolean up) {
        return List.of("ip", "link", "set", "dev", LinkName.require(link, "link"), up ? "up" : "down");
    }

    public static List<String> setMaster(String link, java.util.Optional<String> master) {
        String checked = LinkName.require(link, "link");
        return master.map(m -> List.of("ip", "link", "set", "dev", checked, "master", LinkName.require(m, "bridge")))
                .orElseGet(() -> List.of("ip", "link", "set", "dev", checked, "nomaster"));
    }

    public static List<String> setMtu(String link, int mtu) {
        return List.of("ip", "link", "set", "dev", link, "mtu", Integer.toString(mtu));
    }

    public static List<String> setMac(String link, String mac) {
        return List.of("ip", "link", "set", "dev", link, "address", mac);
    }

    public static List<String> createBridge(String name, BridgeSettings settings, java.util.Optional<String> mac) {
        List<String> argv = new ArrayList<>(List.of("ip", "link", "add", "name", name));
        mac.ifPresent(m -> argv.addAll(List.of("address", m)));
        argv.addAll(List.of("type", "bridge", "stp_state", settings.stp() ? "1" : "0", "forward_delay",
                Integer.toString(settings.forwardDelayOrDefault())));
        return List.copyOf(argv);
    }

    /** A VLAN link on a parent (an 802.1Q sub-interface such as bond0.42); the kernel makes it down. */
    public static List<String> createVlan(String name, String parent, int id) {
        return List.of("ip", "link", "add", "link", parent, "name", name, "type", "vlan", "id", Integer.toString(id));
    }

    public static List<String> deleteVlan(String name) {
        return List.of("ip", "link", "delete", "dev", name, "type", "vlan");
    }

    public static List<String> deleteBridge(String name) {
        return List.of("ip", "link", "delete", "dev", name, "type", "bridge");
    }

    public static List<String> setAddress(String link, String cidr, boolean present) {
        return setAddress(link, cidr, present, java.util.Optional.empty());
    }

    /**
     * The kernel adds (and removes) the address's prefix route itself, as it would for any address; a metric
     * gives that route the metric it had where the address came from (a DHCP client's, e.g. 100).
     */
    public static List<String> setAddress(String link, String cidr, boolean present,
                                          java.util.Optional<Integer> prefixRouteMetric) {
        if (!present) {
            return List.of("ip", "address", "del", cidr, "dev", link);
        }
        List<String> argv = new ArrayList<>(List.of("ip", "address", "add", cidr, "dev", link));
        prefixRouteMetric.ifPresent(m -> argv.addAll(List.of("metric", Integer.toString(m))));
        return List.copyOf(argv);
    }

    public static List<String> setRoute(Route route, boolean present) {
        List<String> argv = new ArrayList<>(List.of("ip", "route", present ? "add" : "del", route.destination()));
        route.gateway().ifPresent(g -> argv.addAll(List.of("via", g)));
        route.device().ifPresent(d -> argv.addAll(List.of("dev", d)));
        route.metric().ifPresent(m -> argv.addAll(List.of("metric", Integer.toString(m))));
        return List.copyOf(argv);
    }

    public static List<String> setIpForward(boolean on) {
        return List.of("sysctl", "-w", "net.ipv4.ip_forward=" + (on ? "1" : "0"));
    }

    /** {@code sysctl -w net.ipv4.conf.LINK.forwarding=1|0}; the name is checked first. */
    public static List<String> setLinkForwarding(String link, boolean on) {
        return List.of("sysctl", "-w", SysctlConf.forwardingKey(java.util.Optional.of(LinkName.require(link, "link"))) + "=" + (on ? "1" : "0"));
    }

    /** {@code sysctl -w net.ipv6.conf.LINK.KEY=VALUE} (forwarding or accept_ra; LINK may be all). */
    public static List<String> setIpv6Conf(String link, String key, int value) {
        return List.of("sysctl", "-w", SysctlConf.ipv6Key(link, key) + "=" + value);
    }

    /**
     * One {@code ip -batch} line: the argv without its leading {@code ip}. ip splits batch lines at blanks and
     * reads quotes, backslashes and '#' (a comment), so an argument with one of them is refused (no kernel
     * link name has a blank; the others are refused here rather than misread there).
     */
    public static String batchLine(List<String> ipArgv) {
        if (ipArgv.isEmpty() || !ipArgv.get(0).equals("ip")) {
            throw new IllegalArgumentException("only ip commands can run in an ip batch, not " + ipArgv);
        }
        List<String> args = ipArgv.subList(1, ipArgv.size());
        for (String arg : args) {
            if (arg.isEmpty() || arg.chars().anyMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\''
                    || c == '\\' || c == '#')) {
                throw new IllegalArgumentException("'" + arg + "' cannot be written to an ip batch file");
            }
        }
        return String.join(" ", args);
    }
}
