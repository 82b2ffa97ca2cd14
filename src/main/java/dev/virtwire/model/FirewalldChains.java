package dev.virtwire.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which firewalld zone or policy a rule of firewalld's table belongs to, read from its chain's name
 * ({@code filter_FWD_ZONE}, {@code filter_FWD_policy_NAME}, each with its {@code _pre}, {@code _log},
 * {@code _deny}, {@code _allow} and {@code _post} parts, where firewalld puts the rich rules), and which rich rule
 * of it made the rule: the one of the same action whose addresses the rule names (firewall-cmd's listing).
 */
public final class FirewalldChains {
    private static final Pattern POLICY = Pattern.compile("filter_FWD_policy_(.+?)(?:_(pre|log|deny|allow|post))?");
    private static final Pattern ZONE = Pattern.compile("filter_FWD_(?!policy_)(.+?)(?:_(pre|log|deny|allow|post))?");
    private static final Pattern ADDRESS = Pattern.compile("address=\"([^\"]+)\"");

    /**
     * A zone's or policy's chain.
     *
     * @param part "" for the zone's or policy's own chain (whose last rule is its target), else pre, log, deny,
     *             allow or post
     */
    public record Owner(boolean policy, String name, String part) {
        /** firewall-cmd's option naming it: {@code --policy=NAME} or {@code --zone=NAME}. */
        public String option() {
            return (policy ? "--policy=" : "--zone=") + name;
        }
    }

    private FirewalldChains() {
    }

    /** The zone or policy whose forward chain the rule is in; empty for other rules. */
    public static Optional<Owner> owner(FirewallRule rule) {
        if (!rule.table().equals(FirewalldZones.TABLE)) {
            return Optional.empty();
        }
        Matcher p = POLICY.matcher(rule.chain());
        if (p.matches()) {
            return Optional.of(new Owner(true, p.group(1), p.group(2) == null ? "" : p.group(2)));
        }
        Matcher z = ZONE.matcher(rule.chain());
        if (z.matches() && !rule.chain().startsWith("filter_FORWARD")) {
            return Optional.of(new Owner(false, z.group(1), z.group(2) == null ? "" : z.group(2)));
        }
        return Optional.empty();
    }

    /**
     * In the user's words, what in firewalld made the rule decide: the policy's or zone's target, or its rich rule,
     * e.g. {@code firewalld's policy guests-out (ingress trusted, egress ANY, target REJECT, priority -100): its
     * target REJECT, for what none of its rules accepts}; empty for a rule not of a zone's or policy's chain.
     */
    public static Optional<String> decidedBy(FirewallState firewall, FirewallRule rule) {
        return owner(rule).map(o -> {
            Optional<FirewalldSettings> settings = firewall.firewalld();
            String who;
            if (o.policy()) {
                Optional<FirewalldPolicy> policy = settings.flatMap(s -> s.policy(o.name()));
                who = "firewalld's policy " + policy.map(FirewalldPolicy::describe).orElse(o.name());
            } else {
                Optional<FirewalldZone> zone = settings.flatMap(s -> s.zone(o.name()));
                who = "firewalld's zone " + o.name() + zone.map(z -> " (target " + z.target() + ")").orElse("");
            }
            if (o.part().isEmpty()) {
                return who + ": its target, for what none of its rules accepts (" + rule.text() + ")";
            }
            return richRule(firewall, rule).map(r -> who + ": its rich rule " + r.rule()).orElse(who
                    + ": one of its rich rules (firewall-cmd " + o.option() + " --list-rich-rules), in its "
                    + o.part() + " part: " + rule.text());
        });
    }

    /** The rich rule that made the table's rule, when exactly one of its zone's or policy's rich rules can have. */
    public static Optional<FirewalldRichRule> richRule(FirewallState firewall, FirewallRule rule) {
        return owner(rule).filter(o -> !o.part().isEmpty()).flatMap(o -> {
            List<FirewalldRichRule> rich = richRules(firewall.firewalld(), o).stream().filter(r -> made(r, rule))
                    .toList();
            return rich.size() == 1 ? Optional.of(rich.get(0)) : Optional.empty();
        });
    }

    private static List<FirewalldRichRule> richRules(Optional<FirewalldSettings> settings, Owner o) {
        return settings.flatMap(s -> o.policy() ? s.policy(o.name()).map(FirewalldPolicy::richRules)
                : s.zone(o.name()).map(FirewalldZone::richRules)).orElse(List.of());
    }

    /** Whether the rich rule made the table's rule: the same action, every address of it in the rule. */
    private static boolean made(FirewalldRichRule rich, FirewallRule rule) {
        if (!rich.running() || rich.action().isEmpty()
                || !rich.action().equalsIgnoreCase(rule.verdict().toLowerCase(Locale.ROOT))) {
            return false;
        }
        Matcher m = ADDRESS.matcher(rich.rule());
        while (m.find()) {
            if (!rule.text().contains(m.group(1))) {
                return false;
            }
        }
        return true;
    }
}
