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
import dev.virtwire.model.IpAddress;
import dev.virtwire.model.Route;
import dev.virtwire.model.Uplinks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

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

    Plan setIpForward(SysctlIntent.SetIpForward i) {
        boolean now = s.kernel().ipForward().orElseThrow(() -> new ChangeRefused("net.ipv4.ip_forward could not be "
                + "read on this host, so Virtwire cannot change it safely (it would not know how to undo)"));
        return plan(i, SysctlConf.forwardingKey(Optional.empty()), i.on() ? "1" : "0", now != i.on(), i.scope(),
                new IpForwardOp(i.on()), "IPv4 forwarding is " + onOff(now) + " already");
    }

    Plan setLinkForwarding(SysctlIntent.SetLinkForwarding i) {
        String link = new Lookup(s).link(i.link(), "link").name();
        boolean now = !s.kernel().notForwarding().contains(link);
        return plan(i, SysctlConf.forwardingKey(Optional.of(link)), i.on() ? "1" : "0", now != i.on(), i.scope(),
                new LinkForwardingOp(link, i.on()), "IPv4 forwarding on " + link + " is " + onOff(now) + " already");
    }

    Plan setIpv6Conf(SysctlIntent.SetIpv6Conf i) {
        String link = i.link().equals("all") ? "all" : new Lookup(s).link(i.link(), "link").name();
        String key = SysctlConf.ipv6Key(link, i.key());
        int max = i.key().equals("accept_ra") ? 2 : 1;
        if (i.value() < 0 || i.value() > max) {
            throw new ChangeRefused(key + " takes 0 to " + max + ", not " + i.value());
        }
        int now = Ipv6ConfOp.valueIn(s, link, i.key()).orElseThrow(() -> new ChangeRefused(key + " could not be read "
                + "on this host, so Virtwire cannot change it safely (it would not know how to undo)"));
        return plan(i, key, Integer.toString(i.value()), now != i.value(), i.scope(),
                new Ipv6ConfOp(link, i.key(), i.value(), now), key + " is " + now + " already",
                link.equals("all") && i.key().equals("forwarding") && i.value() == 1 ? keepRouterAdvertisements(i)
                        : List.of());
    }

    /**
     * Forwarding on makes the kernel ignore router advertisements on links at accept_ra=1 (and flush the routes
     * they gave): an uplink that takes its IPv6 address by SLAAC would lose the host's IPv6 default route. So its
     * accept_ra becomes 2 first, in the same scope, and undo puts it back after forwarding is off again. The
     * uplinks are the host's way out (the IPv4 default routes' links, down to the cables), else, on a host without
     * IPv4 default route, the IPv6 default route's link: not a guests' bridge that took an advertisement only
     * while forwarding was off.
     */
    private List<Ipv6ConfOp> keepRouterAdvertisements(SysctlIntent.SetIpv6Conf i) {
        Set<String> uplinks = new LinkedHashSet<>();
        Uplinks.of(s).chain().forEach(l -> uplinks.add(l.name()));
        if (uplinks.isEmpty()) {
            s.routes6().stream().filter(Route::isDefault).flatMap(r -> r.device().stream()).forEach(uplinks::add);
        }
        return uplinks.stream().filter(l -> s.link(l).stream().flatMap(x -> x.addresses6().stream())
                        .flatMap(a -> IpAddress.tryParse(a).stream()).anyMatch(a -> !a.isLinkLocal()))
                .filter(l -> Ipv6ConfOp.valueIn(s, l, "accept_ra").equals(OptionalInt.of(1)))
                .map(l -> new Ipv6ConfOp(l, "accept_ra", 2, 1)).toList();
    }

    private Plan plan(Intent i, String key, String value, boolean differs, Scope scope, Operation live,
                      String already) {
        return plan(i, key, value, differs, scope, live, already, List.of());
    }

    /** @param first sysctls of the same scope set before this one (in the kernel and in the saved file) */
    private Plan plan(Intent i, String key, String value, boolean differs, Scope scope, Operation live,
                      String already, List<Ipv6ConfOp> first) {
        List<Operation> ops = new ArrayList<>();
        if (scope.live()) {
            ops.addAll(first);
        }
        if (scope.live() && differs) {
            ops.add(live);
        }
        boolean savedAlready = false;
        if (scope.config()) {
            Optional<String> file = savedFile();
            Map<String, String> wanted = new LinkedHashMap<>();
            first.forEach(op -> wanted.put(SysctlConf.ipv6Key(op.link(), op.key()), Integer.toString(op.value())));
            wanted.put(key, value);
            String after = file.orElse("");
            List<String> saved = new ArrayList<>();
            for (Map.Entry<String, String> e : wanted.entrySet()) {
                if (SysctlConf.valueOf(Optional.of(after), e.getKey()).filter(e.getValue()::equals).isEmpty()) {
                    after = SysctlConf.withValue(Optional.of(after).filter(a -> !a.isEmpty()), e.getKey(), e.getValue());
                    saved.add(e.getKey() + " = " + e.getValue());
                }
            }
            savedAlready = saved.isEmpty();
            if (!savedAlready) {
                ops.add(new SavedSysctlOp(file, Optional.of(after),
                        "Save " + String.join(", ", saved) + " in " + SysctlConf.PATH + " (applied at boot)"));
            }
        }
        if (ops.isEmpty()) {
            throw new ChangeRefused(scope == Scope.LIVE ? already : scope == Scope.CONFIG
                    ? SysctlConf.PATH + " saves " + key + " = " + value + " already"
                    : already + " and saved in " + SysctlConf.PATH);
        }
        String keeping = first.isEmpty() ? "" : " (first accept_ra=2 on " + String.join(", ", first.stream()
                .map(Ipv6ConfOp::link).toList()) + ", so that the host keeps its IPv6 default route)";
        return new Plan(i, i.describe() + keeping, ops);
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
