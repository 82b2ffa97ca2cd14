package dev.virtwire.change.op;

import dev.virtwire.host.RulesV4Blocks;
import dev.virtwire.model.HostSnapshot;
import java.util.Optional;

/** What iptables-persistent's rules.v4 must say before a step that writes it, and after. */
final class RulesV4Checks {
    private RulesV4Checks() {
    }

    static Optional<String> drift(HostSnapshot now, String before) {
        return now.firewall().rulesV4().filter(before::equals).isPresent() ? Optional.empty()
                : Optional.of(RulesV4Blocks.PATH + " changed since this step was planned");
    }

    static Optional<String> unverified(HostSnapshot now, String after) {
        return now.firewall().rulesV4().filter(after::equals).isPresent() ? Optional.empty()
                : Optional.of(RulesV4Blocks.PATH + " does not say what was written");
    }
}
