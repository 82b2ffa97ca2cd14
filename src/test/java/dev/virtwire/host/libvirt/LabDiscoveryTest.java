package dev.virtwire.host.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.virtwire.host.Host;
import dev.virtwire.host.Hosts;
import dev.virtwire.model.Guest;
import dev.virtwire.model.GuestAddress;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Link;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import dev.virtwire.lab.Lab;
import dev.virtwire.lab.LabTest;

/**
 * Virtwire's view of the lab equals what virsh, ip and bridge report there directly. The lab is shared, so
 * a comparison that meets a concurrent change is taken again (a few times) before it counts as a failure.
 */
@LabTest
class LabDiscoveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LabTools lab;

    LabDiscoveryTest(Lab lab) {
        this.lab = new LabTools(lab);
    }

    @Test
    void guestsNicsTapsMastersAndLeasesMatchVirshIpAndBridge() throws Exception {
        try (Host host = Hosts.open(lab.address())) {
            List<String> differences = List.of();
            for (int attempt = 0; attempt < 3; attempt++) {
                Map<String, String> direct = directView();
                Map<String, String> ours = ourView(host.snapshot());
                differences = diff(direct, ours);
                if (differences.isEmpty()) {
                    break;
                }
                Thread.sleep(500);
            }
            assertEquals(List.of(), differences, "virsh/ip/bridge and Virtwire disagree");
        }
    }

    /** Facts as "key -> value" lines, from the tools themselves. */
    private Map<String, String> directView() throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (String g : lines(lab.virsh("list", "--all", "--name"))) {
            out.put("guest " + g + " state", lab.virsh("domstate", g).strip().replace("shut off", "shutoff"));
            for (String row : lines(lab.virsh("domiflist", g))) {
                String[] c = row.trim().split("\\s+");
                // Interface Type Source Model MAC
                String mac = c[4].toLowerCase(java.util.Locale.ROOT);
                out.put("nic " + g + "/" + mac, c[1] + " " + c[2] + " target " + c[0] + " model " + c[3]);
            }
            if (lab.virsh("domstate", g).strip().equals("running")) {
                for (String row : lines(lab.virsh("domifaddr", g, "--source", "lease"))) {
                    String[] c = row.trim().split("\\s+");
                    if (c.length >= 4 && c[2].equals("ipv4")) {
                        out.put("lease " + g + "/" + c[1].toLowerCase(java.util.Locale.ROOT) + " " + c[3], "yes");
                    }
                }
            }
        }
        for (String n : lines(lab.virsh("net-list", "--all", "--name"))) {
            out.put("network " + n + " active", lab.virsh("net-info", n).contains("Active:         yes") ? "yes" : "no");
        }
        for (JsonNode l : JSON.readTree(lab.inLab().output(List.of("ip", "-j", "link", "show")))) {
            out.put("link " + l.path("ifname").asText() + " master", l.path("master").asText("-"));
        }
        for (JsonNode p : JSON.readTree(lab.inLab().output(List.of("bridge", "-j", "link", "show")))) {
            out.put("port " + p.path("ifname").asText() + " state", p.path("state").asText("-"));
        }
        return out;
    }

    private static Map<String, String> ourView(HostSnapshot s) {
        Map<String, String> out = new TreeMap<>();
        for (Guest g : s.guests()) {
            out.put("guest " + g.name() + " state", g.state().json());
            for (GuestNic n : g.nics()) {
                out.put("nic " + g.name() + "/" + n.mac(), n.type().json() + " " + n.source().orElse("-") + " target "
                        + n.target().orElse("-") + " model " + n.model().orElse("-"));
                for (GuestAddress a : n.addresses()) {
                    if (a.origin() == dev.virtwire.model.AddressOrigin.LEASE) {
                        out.put("lease " + g.name() + "/" + n.mac() + " " + a.ip(), "yes");
                    }
                }
            }
        }
        s.networks().forEach(n -> out.put("network " + n.name() + " active", n.active() ? "yes" : "no"));
        for (Link l : s.links()) {
            out.put("link " + l.name() + " master", l.master().orElse("-"));
            l.port().flatMap(p -> p.state()).ifPresent(st -> out.put("port " + l.name() + " state", st));
        }
        return out;
    }

    private static List<String> diff(Map<String, String> direct, Map<String, String> ours) {
        List<String> out = new ArrayList<>();
        for (String key : new TreeSet<>(union(direct, ours))) {
            String d = direct.get(key);
            String o = ours.get(key);
            if (!java.util.Objects.equals(d, o)) {
                out.add(key + ": tools say " + Optional.ofNullable(d).orElse("nothing") + ", Virtwire says "
                        + Optional.ofNullable(o).orElse("nothing"));
            }
        }
        return out;
    }

    private static java.util.Set<String> union(Map<String, String> a, Map<String, String> b) {
        java.util.Set<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
