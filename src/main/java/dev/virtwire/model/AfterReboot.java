package dev.virtwire.model;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a reboot would make of the host's links, from what the network managers saved: the one judgement the
 * canvas, the inspector and the troubleshooter share. Hardware (and, on a host without NICs, veths to another
 * namespace), taps and macvtaps, and the bridges libvirt makes for its own networks are there after a reboot
 * whatever a manager saved, and so are the veths and bridges container runtimes make when they start (Docker's
 * docker0 and br-*, Podman's, LXC's); anything else runs only until then unless a manager brings it up at boot.
 */
public final class AfterReboot {
    /** How one running link comes back after a reboot. */
    public enum Outlook {
        /** a manager saved it as it runs */
        AS_RUNNING,
        /** a manager brings it up at boot, but not as it runs now (a change by hand: see the link's drift) */
        DIFFERENT,
        /** no manager brings it up at boot: made by hand, or saved without starting at boot */
        GONE,
        /** the kernel or libvirt make it, or the saved configuration was not read: nothing to say */
        NOT_JUDGED
    }

    /** Hardware, and what libvirt or a container runtime makes again when it starts (taps, macvtaps, veths). */
    private static final Set<LinkKind> MADE_ANYWAY = Set.of(LinkKind.PHYSICAL, LinkKind.LOOPBACK, LinkKind.TAP,
            LinkKind.MACVTAP, LinkKind.VETH);
    /** The bridges container runtimes make when they start: Docker, Podman and CNI, LXC, LXD and Incus. */
    private static final Pattern CONTAINER_BRIDGE = Pattern.compile(
            "docker0|br-[0-9a-f]{12}|podman\\d+|cni-podman\\d+|cni0|lxcbr0|lxdbr0|incusbr0");

    private final HostSnapshot host;
    private final Uplinks uplinks;

    private AfterReboot(HostSnapshot host) {
        this.host = host;
        this.uplinks = Uplinks.of(host);
    }

    public static AfterReboot of(HostSnapshot host) {
        return new AfterReboot(host);
    }

    public Outlook of(Link link) {
        if (!host.saved().read()) {
            return Outlook.NOT_JUDGED;
        }
        boolean atBoot = host.saved().owner(link.name()).filter(SavedLink::atBoot).isPresent();
        if (atBoot) {
            return host.config(link).map(c -> c.saved() ? Outlook.AS_RUNNING : Outlook.DIFFERENT)
                    .orElse(Outlook.AS_RUNNING);
        }
        return existsAnyway(link) ? Outlook.NOT_JUDGED : Outlook.GONE;
    }

    /** Whether the link is there after a reboot (maybe configured otherwise). */
    public boolean survives(Link link) {
        return of(link) != Outlook.GONE;
    }

    /** Links a manager brings up at boot that do not run now: they appear after a reboot. */
    public List<SavedLink> savedNotRunning() {
        if (!host.saved().read()) {
            return List.of();
        }
        return host.saved().notRunning(host.links()).stream().filter(SavedLink::atBoot)
                .filter(s -> host.saved().owner(s.name()).filter(o -> o == s).isPresent()).toList();
    }

    private boolean existsAnyway(Link link) {
        return MADE_ANYWAY.contains(link.kind()) || uplinks.isCable(link)
                || link.kind() == LinkKind.BRIDGE && CONTAINER_BRIDGE.matcher(link.name()).matches()
                || host.networkOnBridge(link.name()).filter(VirtualNetwork::makesItsBridge).isPresent();
    }
}
