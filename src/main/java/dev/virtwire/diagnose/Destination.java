package dev.virtwire.diagnose;

import dev.virtwire.model.Id;
import dev.virtwire.model.Ipv4;
import dev.virtwire.model.LibvirtName;
import java.util.Optional;

/** What a guest wants to reach: the host, the LAN's gateway, the internet, another guest, or an address. */
public sealed interface Destination {
    /** A well-known address that answers ping; the lab passes its own stand-in for the internet. */
    String DEFAULT_INTERNET = "1.1.1.1";

    /** How the CLI spells it: host, lan, internet, guest:NAME or an address. */
    String token();

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
        Optional<Id> guest = Id.tryParse(t).filter(Id.Guest.class::isInstance);
        if (guest.isPresent() || t.equals("guest:")) {
            return new OtherGuest(guest.map(g -> ((Id.Guest) g).name()).orElse(""));
        }
        if (Ipv4.tryParse(t).filter(ip -> ip.prefix() == 32).isPresent()) {
            return new Address(t);
        }
        throw new IllegalArgumentException("'" + text + "' is not a destination: use host, lan, internet, "
                + "guest:NAME or an IPv4 address such as 192.168.1.1");
    }

    static Destination parse(String text) {
        return parse(text, DEFAULT_INTERNET);
    }
}
