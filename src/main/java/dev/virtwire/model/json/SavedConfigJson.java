package dev.virtwire.model.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkConfig;
import dev.virtwire.model.LinkOwner;
import dev.virtwire.model.ManagerFound;
import dev.virtwire.model.SavedAddresses;
import dev.virtwire.model.SavedConfig;
import dev.virtwire.model.SavedLink;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The topology JSON's keys about saved configuration: per link {@code manager}, {@code profile}, {@code saved},
 * {@code drift}; at the top, {@code saved_config} (the managers found and every link they save, running or not).
 * All null when the saved configuration was not read.
 */
final class SavedConfigJson {
    private SavedConfigJson() {
    }

    static void link(ObjectNode o, HostSnapshot s, Link l) {
        Optional<LinkConfig> c = s.config(l);
        o.put("manager", c.map(x -> x.manager().json()).orElse(null));
        o.put("profile", c.flatMap(LinkConfig::profile).orElse(null));
        if (c.isPresent()) {
            o.put("saved", c.get().saved());
            c.get().drift().forEach(o.putArray("drift")::add);
        } else {
            o.putNull("saved");
        }
        o.withArray("drift");
    }

    static void write(ObjectNode root, SavedConfig config) {
        if (!config.read()) {
            root.putNull("saved_config");
            return;
        }
        ObjectNode o = root.putObject("saved_config");
        ArrayNode managers = o.putArray("managers");
        for (ManagerFound m : config.managers()) {
            managers.addObject().put("name", m.manager().json()).put("running", m.running())
                    .put("evidence", m.evidence());
        }
        ArrayNode links = o.putArray("links");
        for (SavedLink l : config.links()) {
            ObjectNode j = links.addObject();
            j.put("name", l.name());
            j.put("manager", l.owner().json());
            j.put("profile", l.source());
            j.put("at_boot", l.atBoot());
            j.put("active", l.active());
            j.put("master", l.master().orElse(null));
            if (l.addresses().isPresent()) {
                j.put("dhcp", l.addresses().get().dhcp());
                l.addresses().get().fixed().forEach(j.putArray("addresses")::add);
                j.withArray("addresses");
            } else {
                j.putNull("dhcp");
                j.putNull("addresses");
            }
            TopologyJson.number(j, "mtu", l.mtu());
            TopologyJson.number(j, "vlan", l.vlanId());
            j.put("parent", l.parent().orElse(null));
        }
    }

    static SavedConfig read(JsonNode o) {
        if (!o.isObject()) {
            return SavedConfig.unknown();
        }
        List<ManagerFound> managers = new ArrayList<>();
        o.path("managers").forEach(m -> managers.add(new ManagerFound(LinkOwner.fromJson(m.path("name").asText()),
                m.path("running").asBoolean(), m.path("evidence").asText())));
        List<SavedLink> links = new ArrayList<>();
        for (JsonNode l : o.path("links")) {
            Optional<SavedAddresses> addresses = Optional.empty();
            if (l.path("dhcp").isBoolean()) {
                List<String> fixed = new ArrayList<>();
                l.path("addresses").forEach(a -> fixed.add(a.asText()));
                addresses = Optional.of(new SavedAddresses(l.path("dhcp").asBoolean(), fixed));
            }
            links.add(new SavedLink(l.path("name").asText(), LinkOwner.fromJson(l.path("manager").asText()),
                    l.path("profile").asText(), l.path("at_boot").asBoolean(), l.path("active").asBoolean(),
                    SnapshotJsonReader.text(l, "master"), addresses, SnapshotJsonReader.integer(l, "mtu"),
                    SnapshotJsonReader.integer(l, "vlan"), SnapshotJsonReader.text(l, "parent")));
        }
        return new SavedConfig(true, managers, links);
    }
}
