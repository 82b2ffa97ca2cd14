package dev.virtwire.host;

import dev.virtwire.model.Guest;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.VirtualNetwork;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The parts of a host that some subjects name, for a partial fresh read ({@link HostReader#refresh}). Subjects
 * are what changes are about, as "kind:name":
 * <ul>
 * <li>{@code guest:G}, {@code nic:G/MAC}: guest G;</li>
 * <li>{@code tap:G/MAC}: guest G and the link table (the NIC's tap is a link);</li>
 * <li>{@code network:N}: network N;</li>
 * <li>{@code link:L}, {@code address:CIDR}: the whole link table (a bridge's ports are other links);</li>
 * <li>{@code route:DEST}, {@code sysctl:KEY}: the whole kernel (links, routes, settings, neighbours);</li>
 * <li>{@code forward:COMMENT}, {@code accept:BRIDGE}: the firewall;</li>
 * <li>{@code watchdog:ID}: nothing (a host-side timer is not part of a snapshot);</li>
 * <li>anything else: everything, so that a subject nobody taught the readers is never read stale.</li>
 * </ul>
 */
public record Subjects(boolean everything, Set<String> guests, Set<String> networks, boolean links, boolean kernel,
                       boolean firewall) {

    public Subjects {
        guests = Set.copyOf(guests);
        networks = Set.copyOf(networks);
    }

    public static Subjects of(Collection<String> subjects) {
        Set<String> guests = new LinkedHashSet<>();
        Set<String> networks = new LinkedHashSet<>();
        boolean links = false;
        boolean kernel = false;
        boolean firewall = false;
        for (String subject : subjects) {
            int colon = subject.indexOf(':');
            String kind = colon < 0 ? subject : subject.substring(0, colon);
            String name = colon < 0 ? "" : subject.substring(colon + 1);
            switch (kind) {
                case "guest" -> guests.add(name);
                case "nic" -> guests.add(guestOf(name));
                case "tap" -> {
                    guests.add(guestOf(name));
                    links = true;
                }
                case "network" -> networks.add(name);
                case "link", "address" -> links = true;
                case "route", "sysctl" -> kernel = true;
                case "forward", "accept" -> firewall = true;
                case "watchdog" -> {
                    // nothing to read
                }
                default -> {
                    return new Subjects(true, Set.of(), Set.of(), true, true, true);
                }
            }
        }
        return new Subjects(false, guests, networks, links || kernel, kernel, firewall);
    }

    /**
     * {@code base} with the parts named here taken from {@code fresh} (a full read): named guests and networks
     * replaced, dropped when gone or added when new; the link table, the kernel or the firewall as a whole. The
     * gaps and the time are the fresh read's.
     */
    public HostSnapshot splice(HostSnapshot base, HostSnapshot fresh) {
        if (everything) {
            return fresh;
        }
        return new HostSnapshot(base.host(), fresh.takenAt(), links ? fresh.links() : base.links(),
                kernel ? fresh.routes() : base.routes(), kernel ? fresh.kernel() : base.kernel(),
                spliced(base.networks(), fresh.networks(), networks, VirtualNetwork::name),
                spliced(base.guests(), fresh.guests(), guests, Guest::name),
                firewall ? fresh.firewall() : base.firewall(), fresh.gaps());
    }

    /** The base's list in its order, the named entries as in the fresh one; named ones new in it at the end. */
    private static <T> List<T> spliced(List<T> base, List<T> fresh, Set<String> named, Function<T, String> name) {
        if (named.isEmpty()) {
            return base;
        }
        List<T> out = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        for (T old : base) {
            String n = name.apply(old);
            if (!named.contains(n)) {
                out.add(old);
            } else {
                fresh.stream().filter(f -> name.apply(f).equals(n)).findFirst().ifPresent(out::add);
                placed.add(n);
            }
        }
        fresh.stream().filter(f -> named.contains(name.apply(f)) && !placed.contains(name.apply(f))).forEach(out::add);
        return out;
    }

    /** "web1/52:54:00:3a:10:01" -> "web1" (a libvirt name cannot hold a slash; a MAC has none). */
    private static String guestOf(String nic) {
        int slash = nic.lastIndexOf('/');
        return slash < 0 ? nic : nic.substring(0, slash);
    }
}
