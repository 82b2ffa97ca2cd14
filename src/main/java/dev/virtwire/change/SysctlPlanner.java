package dev.virtwire.change;

import dev.virtwire.change.op.IpForwardOp;
import dev.virtwire.change.op.LinkForwardingOp;
import dev.virtwire.change.op.Operation;
import dev.virtwire.change.op.SavedSysctlOp;
import dev.virtwire.host.HostException;
import dev.virtwire.host.HostReader;
import dev.virtwire.host.Scope;
import dev.virtwire.host.SysctlConf;
import dev.virtwire.model.HostSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plans the forwarding sysctls, for the running kernel (live), for the next boot through Virtwire's file in
 * /etc/sysctl.d (saved), or both, as libvirt's scopes do. Only the half that differs is changed; nothing to change
 * is a refusal that says so.
 */
final class SysctlPlanner {
    private final HostSnapshot s;
    private final HostReader host;

    SysctlPlanner(HostSnapshot snapshot, HostReader host) {
        this.s = snapshot;
        this.host = host;
    }

    Plan setIpForward(Intent.SetIpForward i) {
        boolean now = s.kernel().ipForward().orElseThrow(() -> new ChangeRefused("net.ipv4.ip_forward could not be "
                + "read on this host, so Virtwire cannot change it safely (it would not know how to undo)"));
        return plan(i, Optional.empty(), now, i.on(), i.scope(),
                new IpForwardOp(i.on()), "IPv4 forwarding is " + onOff(now) + " already");
    }

    Plan setLinkForwarding(Intent.SetLinkForwarding i) {
        String link = new Lookup(s).link(i.link(), "link").name();
        boolean now = !s.kernel().notForwarding().contains(link);
        return plan(i, Optional.of(link), now, i.on(), i.scope(), new LinkForwardingOp(link, i.on()),
                "IPv4 forwarding on " + link + " is " + onOff(now) + " already");
    }

    private Plan plan(Intent i, Optional<String> link, boolean now, boolean on, Scope scope, Operation live,
                      String already) {
        List<Operation> ops = new ArrayList<>();
        if (scope.live() && now != on) {
            ops.add(live);
        }
        String key = SysctlConf.forwardingKey(link);
        String value = on ? "1" : "0";
        boolean savedAlready = false;
        if (scope.config()) {
            Optional<String> file = savedFile();
            savedAlready = SysctlConf.valueOf(file, key).filter(value::equals).isPresent();
            if (!savedAlready) {
                ops.add(new SavedSysctlOp(file, Optional.of(SysctlConf.withValue(file, key, value)),
                        "Save " + key + " = " + value + " in " + SysctlConf.PATH + " (applied at boot)"));
            }
        }
        if (ops.isEmpty()) {
            throw new ChangeRefused(scope == Scope.LIVE ? already : scope == Scope.CONFIG
                    ? SysctlConf.PATH + " saves " + key + " = " + value + " already"
                    : already + " and saved in " + SysctlConf.PATH);
        }
        return new Plan(i, i.describe(), ops);
    }

    private Optional<String> savedFile() {
        try {
            return host.savedSysctls();
        } catch (HostException e) {
            throw new ChangeRefused("the saved sysctls cannot be changed: " + e.getMessage());
        }
    }

    private static String onOff(boolean on) {
        return on ? "on" : "off";
    }
}
