package dev.virtwire.host.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.HostAddress;
import dev.virtwire.host.exec.Target;
import dev.virtwire.model.HostSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel commands a read runs, counted by a stand-in ssh client that answers for a small host (eth0 with the
 * default route, libvirt's virbr0, a bridge off the path): a command about one guest reads each link's own
 * settings only for the links on its path, in one sysctl naming them, and never walks every link's.
 */
class PathSettingsReadTest {
    /** Reading every link's IPv6 switches (other0's, off the path) and dumping every link's IPv4 ones (a full read's). */
    private static final String EVERY_LINKS_IPV6 = "'/proc/sys/net/ipv6/conf/other0/accept_ra'";
    private static final String NETCONF = "'netconf'";

    @TempDir
    Path dir;
    private Path log;
    private HostAddress address;

    @BeforeEach
    void fakeSsh() throws IOException {
        log = dir.resolve("commands");
        Path client = dir.resolve("fake-ssh");
        String links = "[{\"ifname\":\"lo\",\"link_type\":\"loopback\",\"flags\":[\"UP\"],\"operstate\":\"UNKNOWN\"},"
                + "{\"ifname\":\"eth0\",\"link_type\":\"ether\",\"address\":\"52:54:00:00:00:01\",\"flags\":[\"UP\"],"
                + "\"operstate\":\"UP\",\"addr_info\":[{\"family\":\"inet\",\"local\":\"10.0.0.2\",\"prefixlen\":24}]},"
                + "{\"ifname\":\"virbr0\",\"link_type\":\"ether\",\"flags\":[\"UP\"],\"operstate\":\"UP\","
                + "\"linkinfo\":{\"info_kind\":\"bridge\",\"info_data\":{}}},"
                + "{\"ifname\":\"other0\",\"link_type\":\"ether\",\"flags\":[\"UP\"],\"operstate\":\"UP\","
                + "\"linkinfo\":{\"info_kind\":\"bridge\",\"info_data\":{}}}]";
        Files.writeString(client, "#!/bin/sh\nshift 6\necho \"$*\" >> " + log + "\ncase \"$*\" in\n"
                + "  *\"'ip' '-j' '-d' 'addr'\"*) echo '" + links + "' ;;\n"
                + "  *\"'ip' '-j' 'route'\"*) echo '[{\"dst\":\"default\",\"gateway\":\"10.0.0.1\",\"dev\":\"eth0\"}]' ;;\n"
                + "  *\"'ip' \"*|*\"'bridge' \"*) echo '[]' ;;\n"
                + "  *\"'sysctl' '-r' '(ip_forward\"*) echo 'net.ipv4.ip_forward = 1' ;;\n"
                + "  *\"'sysctl'\"*) echo 'net.ipv4.conf.eth0.forwarding = 0'; echo 'net.ipv6.conf.all.forwarding = 0' ;;\n"
                + "esac\n");
        assertTrue(client.toFile().setExecutable(true));
        address = new HostAddress("test:///default", new Target.Ssh("fakehost", client.toString()));
    }

    @Test
    void aReadAboutOneGuestNamesThePathsSettingsInOneSysctl() throws IOException {
        try (LibvirtHost host = LibvirtHostOpening.openForGuests(address)) {
            HostSnapshot one = host.snapshotOfGuests(Set.of("test"));
            List<String> kernel = kernelCommands();
            // ip addr, bridge link, two route, neigh, two sysctl (a read ahead more than a second old runs again)
            assertEquals(7, Set.copyOf(kernel).size(), kernel::toString);
            assertTrue(kernel.stream().noneMatch(c -> c.contains(EVERY_LINKS_IPV6) || c.contains(NETCONF)), kernel::toString);
            List<String> named = kernel.stream().filter(c -> c.startsWith("'sysctl' 'net.")).toList();
            assertEquals(1, named.size(), kernel::toString);
            assertTrue(named.get(0).contains("'net.ipv4.conf.eth0.forwarding'")
                    && named.get(0).contains("'net.ipv6.conf.virbr0.accept_ra'")
                    && named.get(0).contains("'net.ipv6.conf.all.forwarding'"), named::toString);
            assertTrue(!named.get(0).contains("other0"), "a bridge off the path: " + named);
            assertEquals(List.of("eth0"), one.kernel().notForwarding());
            assertEquals(List.of("all"), one.kernel().ipv6().stream().map(c -> c.name()).toList());
        }
    }

    @Test
    void aWholeReadReadsEveryLinksSettings() throws IOException {
        try (LibvirtHost host = LibvirtHostOpening.open(address)) {
            host.snapshot();
            List<String> kernel = kernelCommands();
            assertTrue(kernel.stream().anyMatch(c -> c.contains(EVERY_LINKS_IPV6)), kernel::toString);
            assertTrue(kernel.stream().anyMatch(c -> c.contains(NETCONF)), kernel::toString);
        }
    }

    /** The kernel commands run, as the stand-in saw them (quoted words, after env LC_ALL=C). */
    private List<String> kernelCommands() throws IOException {
        return Files.readAllLines(log).stream().map(l -> l.replaceFirst("^'env' 'LC_ALL=C' ", ""))
                .filter(l -> l.startsWith("'ip' ") || l.startsWith("'bridge' ") || l.startsWith("'sysctl' ")
                        || l.startsWith("'grep' "))
                .toList();
    }
}
