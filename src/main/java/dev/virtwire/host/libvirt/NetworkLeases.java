package dev.virtwire.host.libvirt;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.PointerByReference;
import dev.virtwire.model.DhcpLease;
import dev.virtwire.model.IpAddress;
import dev.virtwire.model.Mac;
import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.libvirt.Network;
import org.libvirt.jna.NetworkPointer;

/**
 * A network's DHCP leases in one call, {@code virNetworkGetDHCPLeases} (what {@code virsh net-dhcp-leases} shows),
 * which libvirt-java 0.5.4 does not wrap. One call per network instead of one per guest, and it also lists the
 * leases of guests that no longer run, which still hold their addresses.
 */
final class NetworkLeases {

    /** The two C functions, from the libvirt client library libvirt-java has already loaded. */
    interface Calls extends Library {
        int virNetworkGetDHCPLeases(NetworkPointer network, String mac, PointerByReference leases, int flags);

        void virNetworkDHCPLeaseFree(Pointer lease);
    }

    /** {@code virNetworkDHCPLease} of libvirt-network.h, field for field. */
    @Structure.FieldOrder({"iface", "expirytime", "type", "mac", "iaid", "ipaddr", "prefix", "hostname",
            "clientid"})
    public static final class Lease extends Structure {
        public String iface;
        public long expirytime;
        public int type;
        public String mac;
        public String iaid;
        public String ipaddr;
        public int prefix;
        public String hostname;
        public String clientid;

        public Lease(Pointer p) {
            super(p);
            read();
        }
    }

    /** Why a network's leases could not be read, in libvirt's words, and whether the driver has no such call. */
    static final class Failed extends Exception {
        private final boolean unsupported;

        Failed(String message, boolean unsupported) {
            super(message);
            this.unsupported = unsupported;
        }

        boolean unsupported() {
            return unsupported;
        }
    }

    private static volatile Calls calls;

    private NetworkLeases() {
    }

    /** Every lease of this (running) network, in libvirt's order. */
    static List<DhcpLease> of(Network network) throws Failed {
        PointerByReference array = new PointerByReference();
        int count = calls().virNetworkGetDHCPLeases(pointer(network), null, array, 0);
        if (count < 0) {
            throw lastError();
        }
        Pointer first = array.getValue();
        if (first == null) {
            return List.of();
        }
        List<DhcpLease> out = new ArrayList<>(count);
        try {
            for (Pointer p : first.getPointerArray(0, count)) {
                try {
                    lease(new Lease(p)).ifPresent(out::add);
                } finally {
                    calls().virNetworkDHCPLeaseFree(p);
                }
            }
        } finally {
            Native.free(Pointer.nativeValue(first)); // the array itself, malloc'ed by libvirt
        }
        return List.copyOf(out);
    }

    /**
     * A lease as Virtwire keeps it; one without a usable MAC (a DHCPv6 client known by its DUID only) or address is
     * left out rather than failing the read of the whole network.
     */
    private static Optional<DhcpLease> lease(Lease l) {
        if (l.mac == null || !Mac.isValid(l.mac) || l.ipaddr == null
                || IpAddress.tryParse(l.ipaddr + "/" + l.prefix).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DhcpLease(l.mac, l.ipaddr + "/" + l.prefix,
                l.expirytime > 0 ? Optional.of(Instant.ofEpochSecond(l.expirytime)) : Optional.empty(),
                Optional.ofNullable(l.hostname).filter(h -> !h.isBlank() && !h.equals("*"))));
    }

    private static Failed lastError() {
        org.libvirt.jna.virError e = org.libvirt.jna.Libvirt.INSTANCE.virGetLastError();
        if (e == null) {
            return new Failed("libvirt gave no reason", false);
        }
        org.libvirt.Error error = new org.libvirt.Error(e);
        return new Failed(String.valueOf(error.getMessage()).strip(), LibvirtErrors.isUnsupported(error));
    }

    private static Calls calls() {
        Calls c = calls;
        if (c == null) {
            c = Native.load("virt", Calls.class);
            calls = c;
        }
        return c;
    }

    /** libvirt-java keeps the network's handle in a package-private field; pinned to 0.5.4 in the pom. */
    private static NetworkPointer pointer(Network network) throws Failed {
        try {
            Field vnp = Network.class.getDeclaredField("vnp");
            vnp.setAccessible(true);
            return (NetworkPointer) vnp.get(network);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new Failed("this libvirt-java has no network handle Virtwire can pass on (" + e + ")", true);
        }
    }
}
