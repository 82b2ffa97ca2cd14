package dev.virtwire.host;

/**
 * The {@code sh} text that tells the LAN where the host's IPv4 addresses are after they moved between a NIC and a
 * bridge with another MAC: the neighbours (the gateway, an ssh client) keep the old MAC until their cache entry
 * expires, a minute or more in which nothing reaches the host. Once the link has an address, IPv4 or IPv6
 * (networkd configures in the background, DHCP takes a while; 30 s at most), each IPv4 one is announced with a gratuitous ARP ({@code arping -U}), where
 * arping is installed (iputils-arping; without it, the neighbours find out when their entry expires). Constant text:
 * it reads the link's name from a shell variable of the program it is part of.
 */
final class AddressAnnouncement {
    private AddressAnnouncement() {
    }

    /**
     * @param variable the name of the program's variable that holds the link's name
     * @param count    gratuitous ARPs per address, a second apart (the program waits for them)
     */
    static String of(String variable, int count) {
        String link = "\"$" + variable + "\"";
        return "i=0; while [ $i -lt 150 ] && [ -z \"$(ip -o addr show dev " + link + " scope global 2>/dev/null)\" ]; "
                + "do sleep 0.2; i=$((i+1)); done; if command -v arping >/dev/null 2>&1; then "
                + "ip -o -4 addr show dev " + link + " scope global | while read -r _ _ _ a _; do "
                + "arping -q -U -c " + count + " -I " + link + " \"${a%/*}\" >/dev/null 2>&1; done; fi";
    }
}
