package dev.virtwire.host.libvirt;

import dev.virtwire.host.HostAddress;
import dev.virtwire.host.HostException;
import dev.virtwire.host.Hosts;
import dev.virtwire.host.exec.Target;

/** Run in a JVM that cannot find libvirt.so.0: prints what a user would be told, or the demo host's name. */
public final class WithoutLibvirtLibrary {
    private WithoutLibvirtLibrary() {
    }

    public static void main(String[] args) {
        System.out.println(Hosts.open(HostAddress.demo()).snapshot().host().name());
        try {
            Hosts.open(new HostAddress("test:///default", new Target.Local()));
            System.out.println("opened");
        } catch (HostException e) {
            System.out.println(e.getMessage());
        }
    }
}
