package dev.virtwire.host;

import dev.virtwire.host.firewall.IptablesSave;
import dev.virtwire.model.FirewallRule;
import dev.virtwire.model.FirewallState;
import dev.virtwire.model.IpAddress;
import dev.virtwire.model.VirtualNetwork;
import java.util.Locale;
import java.util.Optional;

/**
 * Source NAT in iptables-persistent's /etc/iptables/rules.v4. {@code netfilter-persistent reload} (its plugins'
 * start, as at boot: iptables-restore of the file) replaces the running nat table with the file's, libvirt's
 * running rules included, so a libvirt masquerade the file lacks (saved while it was missing, or before the network
 * existed) is gone after it, until libvirt starts the network again (at boot libvirtd starts after the file is
 * loaded and makes it). Pure.
 */
public final class RulesV4Nat {

    private RulesV4Nat() {
    }

    /**
     * Whether the file's nat section holds a MASQUERADE or SNAT rule that takes packets from {@code from} (an
     * address in the network), on whatever way out: no input interface, any source or one holding the address.
     */
    public static boolean masquerades(String text, IpAddress from) {
        return IptablesSave.parse(text).rules().stream().filter(r -> r.table().equals("nat"))
                .filter(RulesV4Nat::translatesSource).filter(r -> r.inInterface().isEmpty())
                .anyMatch(r -> r.source().map(s -> IpAddress.tryParse(s).map(net -> net.contains(from)).orElse(false))
                        .orElse(true));
    }

    /**
     * The network's address and the rules.v4 the host's iptables loads, where both are there (empty on a host
     * without iptables-persistent, or whose firewall is not iptables).
     */
    public static Optional<Saved> of(FirewallState firewall, VirtualNetwork network) {
        Optional<IpAddress> address = network.ips().stream().findFirst()
                .flatMap(ip -> IpAddress.tryParse(ip.address()));
        Optional<String> text = firewall.rulesV4().filter(t -> firewall.backend().iptables());
        return address.flatMap(a -> text.map(t -> new Saved(a, t)));
    }

    /** rules.v4's text and an address of the network whose masquerade is looked for there. */
    public record Saved(IpAddress address, String text) {
        public boolean masquerades() {
            return RulesV4Nat.masquerades(text, address);
        }

        public String subnet() {
            return address.subnet().toString();
        }
    }

    /** What a plan or finding says where the file lacks the network's masquerade. */
    public static String notSaved(String subnet) {
        return RulesV4Blocks.PATH + " holds no masquerade for " + subnet + ": gone after netfilter-persistent reload "
                + "(which loads that file) until libvirt starts the network again, as at boot; netfilter-persistent "
                + "save keeps it";
    }

    /** A MASQUERADE or SNAT rule. */
    public static boolean translatesSource(FirewallRule rule) {
        String verdict = rule.verdict().toUpperCase(Locale.ROOT);
        return verdict.equals("MASQUERADE") || verdict.equals("SNAT");
    }
}
