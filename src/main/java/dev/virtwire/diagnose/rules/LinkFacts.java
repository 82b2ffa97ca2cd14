package dev.virtwire.diagnose.rules;

import dev.virtwire.model.Link;

/** How a link's state reads as evidence, close to what `ip link show` prints. */
final class LinkFacts {
    private LinkFacts() {
    }

    static String describe(Link link) {
        StringBuilder out = new StringBuilder("ip link show " + link.name() + ": " + link.kind().json()
                + ", state " + link.state().name() + (link.adminUp() ? "" : " (administratively down)"));
        link.mtu().ifPresent(mtu -> out.append(", mtu ").append(mtu));
        out.append(", master ").append(link.master().orElse("none"));
        link.parent().ifPresent(p -> out.append(", on ").append(p));
        if (!link.addresses().isEmpty()) {
            out.append(", addresses ").append(String.join(" ", link.addresses()));
        }
        return out.toString();
    }

    /** Down by the administrator (ip link set down), as opposed to a missing carrier. */
    static boolean adminDown(Link link) {
        return !link.adminUp();
    }
}
