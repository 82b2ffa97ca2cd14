package dev.virtwire.host;

import dev.virtwire.host.exec.Target;

/**
 * How to reach a host: a libvirt URI plus where its kernel and firewall commands run. The URI
 * {@value #DEMO_URI} is the built-in demo host.
 */
public record HostAddress(String uri, Target target) {
    public static final String DEMO_URI = "demo:///";
    public static final String LOCAL_URI = "qemu:///system";

    public static HostAddress demo() {
        return new HostAddress(DEMO_URI, new Target.Local());
    }

    public static HostAddress local() {
        return new HostAddress(LOCAL_URI, new Target.Local());
    }

    public boolean isDemo() {
        return uri.equals(DEMO_URI);
    }

    /** How the window and messages name this host. */
    public String describe() {
        return isDemo() ? "demo host" : target instanceof Target.Local ? uri : uri + " (" + target.describe() + ")";
    }
}
