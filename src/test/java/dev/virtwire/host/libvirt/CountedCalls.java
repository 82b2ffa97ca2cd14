package dev.virtwire.host.libvirt;

import java.util.concurrent.atomic.AtomicInteger;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/** libvirt connections that count the calls which list every guest or look one up by name. */
final class CountedCalls {
    final AtomicInteger lists = new AtomicInteger();
    final AtomicInteger lookups = new AtomicInteger();

    void reset() {
        lists.set(0);
        lookups.set(0);
    }

    /** A {@link LibvirtSession.Opener}. */
    LibvirtConnection open(String uri) throws LibvirtException {
        return new LibvirtConnection(uri) {
            @Override
            public Domain[] listAllDomains(int flags) throws LibvirtException {
                lists.incrementAndGet();
                return super.listAllDomains(flags);
            }

            @Override
            public Domain domainLookupByName(String name) throws LibvirtException {
                lookups.incrementAndGet();
                return super.domainLookupByName(name);
            }
        };
    }
}
