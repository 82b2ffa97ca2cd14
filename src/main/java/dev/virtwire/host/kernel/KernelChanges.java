package dev.virtwire.host.kernel;

import dev.virtwire.host.FirewalldCommands;
import dev.virtwire.host.DockerAcceptMarkRules;
import dev.virtwire.host.ForwardAcceptRules;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.HostException;
import dev.virtwire.host.IpCommands;
import dev.virtwire.host.NftablesConfBlock;
import dev.virtwire.host.HostTextFiles;
import dev.virtwire.host.Privilege;
import dev.virtwire.host.PrivilegedCommands;
import dev.virtwire.host.PortForwardRules;
import dev.virtwire.host.RevertWatchdogScript;
import dev.virtwire.host.RulesV4Blocks;
import dev.virtwire.host.SysctlConf;
import dev.virtwire.host.UfwCommands;
import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.host.exec.Target;
import dev.virtwire.model.BridgeSettings;
import dev.virtwire.model.DockerAcceptMark;
import dev.virtwire.model.FirewallBackend;
import dev.virtwire.model.ForwardAccept;
import dev.virtwire.model.PortForward;
import dev.virtwire.model.Route;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel and firewall changes of a real host (iproute2, sysctl, nft/iptables and the revert watchdog),
 * run at the host's target as argv with the privilege prefix. A refusal says what failed and, when it was
 * a permission, what is needed.
 */
public final class KernelChanges {
    private static final Pattern HANDLE = Pattern.compile("#\\s*handle\\s+(\\d+)\\s*$");

    private final PrivilegedCommands commands;
    private final HostTextFiles files;

    public KernelChanges(CommandRunner runner, Privilege privilege) {
        this.commands = new PrivilegedCommands(runner, privilege);
        this.files = new HostTextFiles(commands);
    }

    /** {@code ip link set LINK up|down}; the name is checked before anything runs. */
    public void setUp(String link, boolean up) {
        run(IpCommands.setUp(link, up));
    }

    /** {@code ip link set LINK master BRIDGE | nomaster}; names are checked before anything runs. */
    public void setMaster(String link, Optional<String> master) {
        run(IpCommands.setMaster(link, master));
    }

    public void setIpForward(boolean on) {
        run(IpCommands.setIpForward(on));
    }

    public void setLinkForwarding(String link, boolean on) {
        run(IpCommands.setLinkForwarding(link, on));
    }

    public void setIpv6Conf(String link, String key, int value) {
        run(IpCommands.setIpv6Conf(link, key, value));
    }

    /** Virtwire's sysctl.d file as it is, empty when there is none. */
    public Optional<String> readSysctlConf() {
        if (commands.target() instanceof Target.Netns netns) {
            throw new HostException("Virtwire does not save sysctls for network namespace " + netns.name() + ": /etc "
                    + "there is this machine's own, and a namespace does not boot. Change it live (--scope live), or "
                    + "reach a host that boots over --ssh");
        }
        return files.read(SysctlConf.PATH);
    }

    /**
     * Makes the file hold {@code content} (none: removed), if it holds {@code expected} now; if it holds
     * {@code content} already nothing runs. Read back after writing.
     */
    public void writeSysctlConf(Optional<String> expected, Optional<String> content) {
        Optional<String> now = readSysctlConf();
        if (now.equals(content)) {
            return;
        }
        if (!now.equals(expected)) {
            throw new HostException(SysctlConf.PATH + " changed after the plan was made (another admin?): it now "
                    + now.map(c -> "holds " + c.lines().count() + " lines").orElse("is gone") + ". Nothing was "
                    + "written; look at it and plan again");
        }
        if (content.isPresent()) {
            files.write(SysctlConf.file(content.get()));
        } else {
            files.remove(SysctlConf.PATH);
        }
    }

    public void createBridge(String name, BridgeSettings settings, Optional<String> mac) {
        run(IpCommands.createBridge(name, settings, mac));
    }

    public void deleteBridge(String name) {
        run(IpCommands.deleteBridge(name));
    }

    public void createVlan(String name, String parent, int id) {
        run(IpCommands.createVlan(name, parent, id));
    }

    public void deleteVlan(String name) {
        run(IpCommands.deleteVlan(name));
    }

    public void setMtu(String link, int mtu) {
        run(IpCommands.setMtu(link, mtu));
    }

    public void setMac(String link, String mac) {
        run(IpCommands.setMac(link, mac));
    }

    public void setAddress(String link, String cidr, boolean present, Optional<Integer> prefixRouteMetric) {
        run(IpCommands.setAddress(link, cidr, present, prefixRouteMetric));
    }

    public void setRoute(Route route, boolean present) {
        run(IpCommands.setRoute(route, present));
    }

    public void setPortForward(FirewallBackend backend, PortForward forward, String bridge, boolean present) {
        setPortForward(backend, forward, bridge, present, PortForwardRules.ACCEPT_CHAIN, "");
    }

    /**
     * @param acceptChain on iptables, the chain that holds the forward's accept (removal)
     * @param from        the sources the forward is for ("" for everyone): iptables deletes a rule by its match
     */
    public void setPortForward(FirewallBackend backend, PortForward forward, String bridge, boolean present,
                               String acceptChain, String from) {
        if (present) {
            PortForwardRules.addCommands(backend, forward, bridge, from).forEach(this::run);
        } else if (backend == FirewallBackend.NFTABLES) {
            deleteNftRules(List.of("ip", PortForwardRules.NFT_TABLE, "prerouting"), forward.comment());
            deleteNftRules(List.of("ip", "libvirt_network", "guest_input"), forward.comment());
            // Virtwire's table holds only forwards: once none is left it goes, as it came with the first
            if (!run(List.of("nft", "-j", "list", "table", "ip", PortForwardRules.NFT_TABLE)).contains("{\"rule\"")) {
                run(PortForwardRules.DELETE_OWN_TABLE);
            }
        } else {
            PortForwardRules.removeCommands(backend, forward, bridge, false, acceptChain, from).forEach(this::run);
        }
    }

    public void setForwardAccept(FirewallBackend backend, ForwardAccept accept, boolean present) {
        ForwardAcceptRules.requireWritable(backend, accept.bridge());
        if (present) {
            ForwardAcceptRules.addCommands(accept).forEach(this::run);
        } else if (accept.nftables()) {
            deleteNftRules(ForwardAcceptRules.place(accept), accept.comment());
        } else {
            ForwardAcceptRules.removeCommands(accept).forEach(this::run);
        }
    }

    public void setDockerAcceptMark(DockerAcceptMark mark, boolean present, boolean dropChain, boolean dropTable) {
        if (present) {
            DockerAcceptMarkRules.addCommands(mark).forEach(this::run);
            return;
        }
        deleteNftRules(DockerAcceptMarkRules.place(), mark.comment());
        List<List<String>> rest = DockerAcceptMarkRules.removeCommands(mark, dropChain, dropTable);
        rest.subList(2, rest.size()).forEach(this::run);
    }

    /** The whole file, written as every saved file is (staged beside it, its mode and owner kept, renamed). */
    public void writeNftablesConf(String text) {
        files.write(NftablesConfBlock.file(text));
    }

    public void setFirewalldZone(String link, String zone, boolean present) {
        FirewalldCommands.setZone(link, zone, present).forEach(this::run);
    }

    public void setPortForwardAccept(dev.virtwire.model.PortForwardAccept accept, boolean present) {
        if (present) {
            PortForwardRules.nativeAcceptCommands(accept).forEach(this::run);
        } else {
            deleteNftRules(PortForwardRules.place(accept), accept.comment());
        }
    }

    /** Runs firewall-cmd's (or another manager's) argv in order, each checked. */
    public void runAll(List<List<String>> commands) {
        commands.forEach(this::run);
    }

    public void setUfwRoute(dev.virtwire.model.UfwRouteChange change) {
        UfwCommands.routeAllow(change).forEach(this::run);
    }

    /** iptables-persistent's rules.v4, beside itself and renamed over it. */
    public void writeRulesV4(String text) {
        files.write(RulesV4Blocks.file(text));
    }

    public void armRevert(String id, List<String> batch, Duration delay) {
        RevertWatchdogScript.armCommands(id, batch, (int) Math.max(1, delay.toSeconds())).forEach(this::run);
    }

    /** True when the "armed" file was still there: the watchdog will not run the revert. */
    public boolean disarmRevert(String id) {
        List<HostCommand.Run> commands = RevertWatchdogScript.disarmCommands(id);
        boolean disarmed = RevertWatchdogScript.disarmedInTime(this.commands, commands.get(0));
        this.commands.attempt(commands.get(1));
        return disarmed;
    }

    /** After {@link #disarmRevert} came too late: whether the watchdog left its mark (ran), the mark removed. */
    public boolean revertRan(String id) {
        return RevertWatchdogScript.ran(commands, id);
    }

    /**
     * nftables deletes by handle: find the handles of the rules that carry the comment.
     *
     * @param place family, table and chain
     */
    private void deleteNftRules(List<String> place, String comment) {
        List<String> list = new java.util.ArrayList<>(List.of("nft", "-a", "list", "chain"));
        list.addAll(place);
        String listing = run(list);
        for (String line : listing.lines().toList()) {
            Matcher m = HANDLE.matcher(line);
            if (line.contains("\"" + comment + "\"") && m.find()) {
                List<String> delete = new java.util.ArrayList<>(List.of("nft", "delete", "rule"));
                delete.addAll(place);
                delete.addAll(List.of("handle", m.group(1)));
                run(delete);
            }
        }
    }

    private String run(List<String> argv) {
        return commands.run(argv);
    }

    private String run(HostCommand.Run command) {
        return commands.run(command);
    }
}
