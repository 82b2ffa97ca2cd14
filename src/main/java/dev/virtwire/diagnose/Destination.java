package dev.virtwire.diagnose;

import dev.virtwire.model.Id;
import dev.virtwire.model.IpAddress;
import dev.virtwire.model.Ipv4;
import dev.virtwire.model.LibvirtName;
import java.util.Optional;

/**
 * What a guest wants to reach: the host, the LAN's gateway, the internet (over IPv4 or IPv6), another guest, or
 * an address of either family.
 */
public sealed interface Destination {
    /** A well-known address that answers ping; the lab passes its own stand-in for the internet. */
    String DEFAULT_INTERNET = "1.1.1.1";
    /** The same over IPv6. */
    String DEFAULT_INTERNET6 = "2606:4700:4700::1111";

    /** How the CLI spells it: host, lan, internet, internet6, guest:NAME or an address. */
    String token();

    /** Whether the traffic is IPv6 (internet6, an IPv6 address): the IPv6 rules check it then. */
    default boolean ipv6() {
        return false;
    }

    /** The host Virtwire is looking at (its address on the guest's network). */
    record Host() implements Destination {
        public String token() {
            return "host";
        }
    }

    /** The LAN beyond the host's uplink, represented by its gateway. */
    record Lan() implements Destination {
        public String token() {
            return "lan";
        }
    }

    /** Somewhere beyond the LAN; {@code address} is what active probes ping. */
    record Internet(String address) implements Destination {
        public Internet {
            Ipv4.parse(address);
        }

        public String token() {
            return "internet";
        }
    }

    /** Somewhere beyond the LAN over IPv6; {@code address} is what active probes ping. */
    record Internet6(String address) implements Destination {
        public Internet6 {
            address = Address6.canonical(address);
        }

        public String token() {
            return "internet6";
        }

        @Override
        public boolean ipv6() {
            return true;
        }
    }

    /** One IPv6 address (a host, /128), in canonical form. */
    record Address6(String ip) implements Destination {
        public Address6 {
            ip = canonical(ip);
        }

        public String token() {
            return ip;
        }

        @Override
        public boolean ipv6() {
            return true;
        }

        static String canonical(String text) {
            IpAddress a = IpAddress.parse(text);
            if (a.family() != IpAddress.Family.IPV6 || a.prefix() != 128) {
                throw new IllegalArgumentException("'" + text + "' is not one IPv6 address: give one such as "
                        + "2001:db8::1, without a prefix");
            }
            return a.ip();
        }
    }

    record OtherGuest(String name) implements Destination {
        public OtherGuest {
            LibvirtName.require(name, "guest");
        }

        public String token() {
            return new Id.Guest(name).text();
        }
    }

    record Address(String ip) implements Destination {
        public Address {
            ip = Ipv4.parse(ip).ip();
        }

        public String token() {
            return ip;
        }
    }

    static Destination host() {
        return new Host();
    }

    static Destination lan() {
        return new Lan();
    }

    static Destination internet() {
        return new Internet(DEFAULT_INTERNET);
    }

    /** Parses the CLI's spelling; {@code internetAddress} is what "internet" stands for. */
    static Destination parse(String text, String internetAddress) {
        String t = text == null ? "" : text.trim();
        if (t.equals("host")) {
            return host();
        }
        if (t.equals("lan")) {
            return lan();
        }
        if (t.equals("internet")) {
            return new Internet(internetAddress);
        }
        if (t.equals("internet6")) {
            return new Internet6(DEFAULT_INTERNET6);
        }
        Optional<Id> guest = Id.tryParse(t).filter(Id.Guest.class::isInstance);
        if (guest.isPresent() || t.equals("guest:")) {
            return new OtherGuest(guest.map(g -> ((Id.Guest) g).name()).orElse(""));
        }
        if (Ipv4.tryParse(t).filter(ip -> ip.prefix() == 32).isPresent()) {
            return new Address(t);
        }
        if (t.contains(":") && !t.contains("/") && IpAddress.tryParse(t).isPresent()) {
            return new Address6(t);
        }
        throw new IllegalArgumentException("'" + text + "' is not a destination: use host, lan, internet, "
                + "internet6, guest:NAME, an IPv4 address such as 192.168.1.1 or an IPv6 address such as "
                + "2001:db8::1");
    }

    static Destination parse(String text) {
        return parse(text, DEFAULT_INTERNET);
    }
}
