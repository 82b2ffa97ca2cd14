package dev.virtwire.change;

import dev.virtwire.change.op.IpForwardOp;
import dev.virtwire.change.op.Ipv6ConfOp;
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
        return plan(i, SysctlConf.forwardingKey(Optional.empty()), i.on() ? "1" : "0", now != i.on(), i.scope(),
                new IpForwardOp(i.on()), "IPv4 forwarding is " + onOff(now) + " already");
    }

    Plan setLinkForwarding(Intent.SetLinkForwarding i) {
        String link = new Lookup(s).link(i.link(), "link").name();
        boolean now = !s.kernel().notForwarding().contains(link);
        return plan(i, SysctlConf.forwardingKey(Optional.of(link)), i.on() ? "1" : "0", now != i.on(), i.scope(),
                new LinkForwardingOp(link, i.on()), "IPv4 forwarding on " + link + " is " + onOff(now) + " already");
    }

    Plan setIpv6Conf(Intent.SetIpv6Conf i) {
        String link = i.link().equals("all") ? "all" : new Lookup(s).link(i.link(), "link").name();
        String key = SysctlConf.ipv6Key(link, i.key());
        int max = i.key().equals("accept_ra") ? 2 : 1;
        if (i.value() < 0 || i.value() > max) {
            throw new ChangeRefused(key + " takes 0 to " + max + ", not " + i.value());
        }
        int now = Ipv6ConfOp.valueIn(s, link, i.key()).orElseThrow(() -> new ChangeRefused(key + " could not be read "
                + "on this host, so Virtwire cannot change it safely (it would not know how to undo)"));
        return plan(i, key, Integer.toString(i.value()), now != i.value(), i.scope(),
                new Ipv6ConfOp(link, i.key(), i.value(), now), key + " is " + now + " already");
    }

    private Plan plan(Intent i, String key, String value, boolean differs, Scope scope, Operation live,
                      String already) {
        List<Operation> ops = new ArrayList<>();
        if (scope.live() && differs) {
            ops.add(live);
        }
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
