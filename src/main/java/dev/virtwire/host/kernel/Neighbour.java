package dev.virtwire.host.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.virtwire.model.IpAddress;
import dev.virtwire.model.Mac;
import java.util.List;
import java.util.Optional;

/**
 * An entry of the host's ARP cache or IPv6 neighbour table ({@code ip -j neigh} shows both): evidence that a
 * guest uses an address even when libvirt leased nothing (static addresses, bridged guests, SLAAC). IPv6
 * addresses are kept in canonical form.
 */
public record Neighbour(String ip, String mac, String device, List<String> states) {

    public Neighbour {
        mac = Mac.normalize(mac);
        states = List.copyOf(states);
    }

    /** Entries that prove nothing (FAILED, INCOMPLETE: no answer) are left out. */
    public static List<Neighbour> parse(String ipNeigh) {
        return JsonInput.array(ipNeigh, "ip -j neigh").stream().map(Neighbour::entry)
                .flatMap(Optional::stream).toList();
    }

    public boolean isIpv6() {
        return ip.indexOf(':') >= 0;
    }

    private static Optional<Neighbour> entry(JsonNode o) {
        Optional<String> ip = JsonInput.text(o, "dst")
                .flatMap(d -> d.indexOf(':') < 0 ? Optional.of(d) : IpAddress.tryParse(d).map(IpAddress::ip));
        Optional<String> mac = JsonInput.text(o, "lladdr").filter(Mac::isValid);
        List<String> states = JsonInput.strings(o.path("state"));
        if (ip.isEmpty() || mac.isEmpty() || states.contains("FAILED") || states.contains("INCOMPLETE")) {
            return Optional.empty();
        }
        return Optional.of(new Neighbour(ip.get(), mac.get(), JsonInput.text(o, "dev").orElse(""), states));
    }
}
