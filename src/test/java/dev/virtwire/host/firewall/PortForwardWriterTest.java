package dev.virtwire.host.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PortForwardWriterTest {

    @Test
    void findsTheHandleOfTheRuleWithExactlyThatComment() {
        String listing = """
                table ip virtwire {
                	chain prerouting { # handle 1
                		type nat hook prerouting priority dstnat; policy accept;
                		tcp dport 8080 dnat to 192.168.122.10:80 comment "virtwire:fwd:tcp:8080:192.168.122.10:80" # handle 4
                		tcp dport 80 dnat to 192.168.122.11:80 comment "virtwire:fwd:tcp:80:192.168.122.11:80" # handle 7
                	}
                }
                """;
        assertEquals(Optional.of("7"), PortForwardWriter.handleOf(listing, "virtwire:fwd:tcp:80:192.168.122.11:80"));
        assertEquals(Optional.empty(), PortForwardWriter.handleOf(listing, "virtwire:fwd:tcp:80:192.168.122.1:80"));
    }
}
