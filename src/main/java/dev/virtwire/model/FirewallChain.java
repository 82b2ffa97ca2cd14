package dev.virtwire.model;

import java.util.Objects;

/**
 * A base chain: where the kernel hands packets to a table. Tables are walked by priority (lowest first) at
 * the same hook, and a packet must pass every one of them: an accept in one table does not override a drop
 * in another.
 *
 * @param table    as in {@link FirewallRule#table()}
 * @param type     filter, nat, route
 * @param hook     prerouting, input, forward, output, postrouting
 * @param priority nftables' number (iptables' filter table is 0, its nat table -100 at prerouting, 100 at
 *                 postrouting)
 * @param policy   ACCEPT or DROP
 */
public record FirewallChain(String table, String name, String type, String hook, int priority, String policy) {
    public FirewallChain {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(hook, "hook");
        Objects.requireNonNull(policy, "policy");
    }

    /** The key of {@link FirewallState#policies()}: "table/chain". */
    public String key() {
        return table + "/" + name;
    }
}
