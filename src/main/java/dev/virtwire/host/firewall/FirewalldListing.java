package dev.virtwire.host.firewall;

import dev.virtwire.model.FirewalldPolicy;
import dev.virtwire.model.FirewalldRichRule;
import dev.virtwire.model.FirewalldSettings;
import dev.virtwire.model.FirewalldZone;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * firewall-cmd's {@code --list-all-zones} and {@code --list-all-policies} (run time and {@code --permanent}) read
 * into firewalld's zones and policies: a section per zone or policy, its name with firewalld's "(default,
 * active)", then {@code "  key: value"} lines, and the items of a multi-line key (rich rules, forward ports) on
 * lines of their own that start with a tab.
 */
public final class FirewalldListing {
    /** What firewall-cmd prints, keyed by its option (the commands {@link #COMMANDS} run). */
    public record Printed(String zones, String policies, String permanentZones, String permanentPolicies) {
    }

    /** The four listings, in the order of {@link Printed}'s fields. */
    public static final List<List<String>> COMMANDS = List.of(List.of("firewall-cmd", "--list-all-zones"),
            List.of("firewall-cmd", "--list-all-policies"), List.of("firewall-cmd", "--permanent", "--list-all-zones"),
            List.of("firewall-cmd", "--permanent", "--list-all-policies"));

    /** One zone or policy as printed. */
    record Section(String name, Set<String> flags, Map<String, List<String>> items) {
        List<String> get(String key) {
            return items.getOrDefault(key, List.of());
        }

        String one(String key, String otherwise) {
            return get(key).stream().findFirst().orElse(otherwise);
        }
    }

    private FirewalldListing() {
    }

    /**
     * The zones and policies, each rich rule marked running (in the run-time listing) and saved (in the permanent
     * one); a zone or policy only one of them has is listed too.
     *
     * @throws IllegalArgumentException when a listing is not firewall-cmd's (which line)
     */
    public static FirewalldSettings of(Printed printed) {
        List<Section> zones = parse(printed.zones());
        List<Section> savedZones = parse(printed.permanentZones());
        List<Section> policies = parse(printed.policies());
        List<Section> savedPolicies = parse(printed.permanentPolicies());
        List<FirewalldZone> zoneList = new ArrayList<>();
        for (String name : names(zones, savedZones)) {
            Optional<Section> now = named(zones, name);
            Optional<Section> saved = named(savedZones, name);
            Section s = now.or(() -> saved).orElseThrow();
            zoneList.add(new FirewalldZone(name, s.flags().contains("active"), s.flags().contains("default"),
                    s.one("target", "default"), s.get("interfaces"), s.get("sources"), richRules(now, saved),
                    s.get("forward-ports"), now.isPresent(), saved.isPresent()));
        }
        List<FirewalldPolicy> policyList = new ArrayList<>();
        for (String name : names(policies, savedPolicies)) {
            Optional<Section> now = named(policies, name);
            Optional<Section> saved = named(savedPolicies, name);
            Section s = now.or(() -> saved).orElseThrow();
            boolean savedAlike = saved.filter(p -> now.isEmpty() || sameShape(p, now.get())).isPresent();
            policyList.add(new FirewalldPolicy(name, s.flags().contains("active"), s.get("ingress-zones"),
                    s.get("egress-zones"), s.one("target", "CONTINUE"), priority(s), richRules(now, saved),
                    s.get("forward-ports"), now.isPresent(), savedAlike));
        }
        return new FirewalldSettings(zoneList, policyList);
    }

    /** The sections of one listing, in its order. */
    static List<Section> parse(String text) {
        List<Section> out = new ArrayList<>();
        String name = null;
        Set<String> flags = Set.of();
        Map<String, List<String>> items = new LinkedHashMap<>();
        String key = null;
        int n = 0;
        for (String line : text.lines().toList()) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            if (!Character.isWhitespace(line.charAt(0))) {
                if (name != null) {
                    out.add(new Section(name, flags, items));
                }
                int paren = line.indexOf(" (");
                name = (paren < 0 ? line : line.substring(0, paren)).strip();
                flags = paren < 0 ? Set.of() : Set.of(line.substring(paren + 2).replace(")", "").split(",\\s*"));
                items = new LinkedHashMap<>();
                key = null;
            } else if (line.startsWith("\t") && key != null) {
                items.get(key).add(line.strip());
            } else if (line.startsWith("  ") && line.contains(":") && name != null) {
                key = line.substring(0, line.indexOf(':')).strip();
                String value = line.substring(line.indexOf(':') + 1).strip();
                List<String> values = new ArrayList<>();
                if (!value.isEmpty()) {
                    values.addAll(List.of(value.split("\\s+")));
                }
                items.put(key, values);
            } else {
                throw new IllegalArgumentException("firewall-cmd's listing, line " + n + ": not a zone or policy, "
                        + "a setting nor an item: " + line.strip());
            }
        }
        if (name != null) {
            out.add(new Section(name, flags, items));
        }
        return out;
    }

    private static List<FirewalldRichRule> richRules(Optional<Section> now, Optional<Section> saved) {
        List<String> running = now.map(s -> s.get("rich rules")).orElse(List.of());
        List<String> kept = saved.map(s -> s.get("rich rules")).orElse(List.of());
        Set<String> all = new LinkedHashSet<>(running);
        all.addAll(kept);
        return all.stream().map(r -> new FirewalldRichRule(r, running.contains(r), kept.contains(r))).toList();
    }

    private static boolean sameShape(Section a, Section b) {
        return a.get("ingress-zones").equals(b.get("ingress-zones")) && a.get("egress-zones").equals(b.get("egress-zones"))
                && a.one("target", "").equals(b.one("target", "")) && priority(a) == priority(b);
    }

    private static int priority(Section s) {
        try {
            return Integer.parseInt(s.one("priority", "-1"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("firewall-cmd's listing: policy " + s.name() + "'s priority is not a "
                    + "number: " + s.one("priority", ""));
        }
    }

    private static List<String> names(List<Section> a, List<Section> b) {
        Set<String> out = new LinkedHashSet<>();
        a.forEach(s -> out.add(s.name()));
        b.forEach(s -> out.add(s.name()));
        return List.copyOf(out);
    }

    private static Optional<Section> named(List<Section> sections, String name) {
        return sections.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
