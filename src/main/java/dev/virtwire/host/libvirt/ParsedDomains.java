package dev.virtwire.host.libvirt;

import dev.virtwire.model.GuestState;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last XML read of each guest and what it was parsed to: a domain whose XML and state did not change is not
 * parsed again (at 500 guests, parsing is most of a warm snapshot's own work). Safe for the reader threads.
 */
final class ParsedDomains {
    private final Map<String, Entry> last = new ConcurrentHashMap<>();

    private record Entry(String xml, GuestState state, DomainXml.Parsed result) {
    }

    DomainXml.Parsed parse(String name, String xml, GuestState state) {
        Entry known = last.get(name);
        if (known != null && known.state() == state && known.xml().equals(xml)) {
            return known.result();
        }
        DomainXml.Parsed result = DomainXml.parse(xml, state);
        last.put(name, new Entry(xml, state, result));
        return result;
    }

    /** Forgets the guests that are gone. */
    void retain(Set<String> names) {
        last.keySet().retainAll(names);
    }
}
