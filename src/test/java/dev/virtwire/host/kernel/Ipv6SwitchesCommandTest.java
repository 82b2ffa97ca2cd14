package dev.virtwire.host.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.exec.Target;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Every link's IPv6 switches are named file by file, in commands that fit in one argument over ssh. */
class Ipv6SwitchesCommandTest {
    /** Linux's cap on one argument (MAX_ARG_STRLEN): the remote shell gets the whole command as one. */
    private static final int ONE_ARGUMENT = 128 * 1024;

    @Test
    void aFewLinksAreOneGrepNamingEachFileAllAndDefaultFirst() {
        List<List<String>> commands = Sysctls.ipv6Commands(List.of("eth0", "eth0.42"));
        assertEquals(1, commands.size());
        assertEquals(List.of("grep", "-H", "^", "/proc/sys/net/ipv6/conf/all/forwarding",
                "/proc/sys/net/ipv6/conf/all/accept_ra", "/proc/sys/net/ipv6/conf/all/disable_ipv6"),
                commands.get(0).subList(0, 6));
        assertTrue(commands.get(0).contains("/proc/sys/net/ipv6/conf/eth0.42/disable_ipv6"), commands::toString);
        assertEquals(3 + 4 * 3, commands.get(0).size());
    }

    @Test
    void aHostWithThousandsOfLinksIsReadInCommandsThatFitOverSsh() {
        List<String> links = IntStream.range(0, 3000).mapToObj(i -> "vnet" + i).toList();
        List<List<String>> commands = Sysctls.ipv6Commands(links);
        assertTrue(commands.size() > 1, "one command of " + commands.get(0).size() + " words");
        for (List<String> argv : commands) {
            List<String> ssh = new Target.Ssh("host").shown(argv);
            String remote = String.join(" ", ssh.subList(ssh.indexOf("host") + 1, ssh.size()));
            assertTrue(remote.length() < ONE_ARGUMENT, remote.length() + " characters");
            assertEquals(List.of("grep", "-H", "^"), argv.subList(0, 3));
        }
        List<String> paths = commands.stream().flatMap(c -> c.subList(3, c.size()).stream()).toList();
        assertEquals((3000 + 2) * 3, paths.size());
        assertEquals(paths.size(), paths.stream().distinct().count());
    }
}
