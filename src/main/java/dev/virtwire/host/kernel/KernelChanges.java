package dev.virtwire.host.kernel;

import dev.virtwire.host.ForwardAcceptRules;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.HostException;
import dev.virtwire.host.IpCommands;
import dev.virtwire.host.NftablesConfBlock;
import dev.virtwire.host.Privilege;
import dev.virtwire.host.PortForwardRules;
import dev.virtwire.host.RevertWatchdogScript;
import dev.virtwire.host.SysctlConf;
import dev.virtwire.host.exec.CommandResult;
import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.host.exec.Target;
import dev.virtwire.model.BridgeSettings;
import dev.virtwire.model.FirewallBackend;
import dev.virtwire.model.ForwardAccept;
import dev.virtwire.model.PortForward;
import dev.virtwire.model.Route;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
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

    private final CommandRunner runner;
    private final Privilege privilege;

    public KernelChanges(CommandRunner runner, Privilege privilege) {
        this.runner = runner;
        this.privilege = privilege;
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
        if (runner.target() instanceof Target.Netns netns) {
            throw new HostException("Virtwire does not save sysctls for network namespace " + netns.name() + ": /etc "
                    + "there is this machine's own, and a namespace does not boot. Change it live (--scope live), or "
                    + "reach a host that boots over --ssh");
        }
        CommandResult r = runner.run(privilege.wrap(SysctlConf.read()), "");
        if (r.ok()) {
            return Optional.of(r.stdout());
        }
        if (r.stderr().contains("No such file or directory")) {
            return Optional.empty();
        }
        throw new HostException("'" + r.commandLine() + "' failed on " + runner.target().describe() + " (exit "
                + r.exitCode() + "): " + r.stderr().strip());
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
        SysctlConf.write(content).forEach(this::run);
        if (!readSysctlConf().equals(content)) {
            throw new HostException(SysctlConf.PATH + " does not hold what was written to it on "
                    + runner.target().describe());
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
        if (present) {
            PortForwardRules.addCommands(backend, forward, bridge).forEach(this::run);
        } else if (backend == FirewallBackend.NFTABLES) {
            deleteNftRules(List.of("ip", PortForwardRules.NFT_TABLE, "prerouting"), forward.comment());
            deleteNftRules(List.of("ip", "libvirt_network", "guest_input"), forward.comment());
            // Virtwire's table holds only forwards: once none is left it goes, as it came with the first
            if (!run(List.of("nft", "-j", "list", "table", "ip", PortForwardRules.NFT_TABLE)).contains("{\"rule\"")) {
                run(PortForwardRules.DELETE_OWN_TABLE);
            }
        } else {
            PortForwardRules.removeCommands(backend, forward, bridge).forEach(this::run);
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

    /** The whole file from stdin ({@code tee}: no shell, no temporary file of ours). */
    public void writeNftablesConf(String text) {
        run(new HostCommand.Run(List.of("tee", NftablesConfBlock.PATH), text));
    }

    public void armRevert(String id, List<String> batch, Duration delay) {
        RevertWatchdogScript.armCommands(id, batch, (int) Math.max(1, delay.toSeconds())).forEach(this::run);
    }

    /** True when the "armed" file was still there: the watchdog will not run the revert. */
    public boolean disarmRevert(String id) {
        List<HostCommand.Run> commands = RevertWatchdogScript.disarmCommands(id);
        boolean disarmed = runner.run(privilege.wrap(commands.get(0).argv())).ok();
        runner.run(privilege.wrap(commands.get(1).argv()));
        return disarmed;
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
        return run(new HostCommand.Run(argv));
    }

    private String run(HostCommand.Run command) {
        CommandResult result = runner.run(privilege.wrap(command.argv()), command.input());
        if (result.ok()) {
            return result.stdout();
        }
        String stderr = result.stderr().strip();
        String lower = stderr.toLowerCase(Locale.ROOT);
        boolean permission = lower.contains("operation not permitted") || lower.contains("permission denied")
                || lower.contains("password is required") || lower.contains("not authorized");
        throw new HostException("'" + result.commandLine() + "' failed on " + runner.target().describe() + " (exit "
                + result.exitCode() + "): " + stderr + (permission ? ". " + privilege.hint() : ""));
    }
}
