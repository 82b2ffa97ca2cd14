package dev.virtwire.change;

import dev.virtwire.host.Scope;

/**
 * What the user wants of the kernel's forwarding settings (sysctls), live, saved in /etc/sysctl.d, or both.
 */
public sealed interface SysctlIntent extends Intent {
    /**
     * net.ipv4.ip_forward: without it no guest traffic leaves the host.
     *
     * @param scope the running kernel (live), Virtwire's file in /etc/sysctl.d read at boot (config), or both
     */
    record SetIpForward(boolean on, Scope scope) implements SysctlIntent {
        public SetIpForward {
            // a history written before scopes has none: those changes were live
            scope = scope == null ? Scope.LIVE : scope;
        }

        /** The running kernel only. */
        public SetIpForward(boolean on) {
            this(on, Scope.LIVE);
        }

        public String describe() {
            return "Turn IPv4 forwarding " + (on ? "on" : "off") + SysctlIntent.sysctlScope(scope);
        }
    }

    /** net.ipv4.conf.LINK.forwarding: whether what arrives on one link is routed on. */
    record SetLinkForwarding(String link, boolean on, Scope scope) implements SysctlIntent {
        public String describe() {
            return "Turn IPv4 forwarding " + (on ? "on" : "off") + " for " + link + SysctlIntent.sysctlScope(scope);
        }
    }

    /**
     * net.ipv6.conf.LINK.KEY: {@code forwarding} (0/1; LINK {@code all} sets every link's) or {@code accept_ra}
     * (0, 1: only while not forwarding, 2: even while forwarding), live, saved in /etc/sysctl.d, or both.
     */
    record SetIpv6Conf(String link, String key, int value, Scope scope) implements SysctlIntent {
        public String describe() {
            return (key.equals("forwarding") ? "Turn IPv6 forwarding " + (value != 0 ? "on" : "off")
                    + (link.equals("all") ? "" : " for " + link)
                    : "Let " + link + " take router advertisements " + (value == 2 ? "even while the host forwards"
                    : value == 1 ? "only while the host does not forward" : "never") + " (accept_ra=" + value + ")")
                    + SysctlIntent.sysctlScope(scope);
        }
    }

    /** How a sysctl change's scope reads after its description. */
    private static String sysctlScope(Scope scope) {
        return switch (scope) {
            case LIVE -> "";
            case CONFIG -> " at the next boot (saved only)";
            case BOTH -> ", now and at every boot (saved)";
        };
    }
}
