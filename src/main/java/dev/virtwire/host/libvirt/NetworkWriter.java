package dev.virtwire.host.libvirt;

import dev.virtwire.host.HostException;
import dev.virtwire.host.LibvirtXml;
import dev.virtwire.host.Scope;
import dev.virtwire.host.exec.CommandRunner;
import dev.virtwire.host.exec.Target;
import dev.virtwire.model.DhcpHost;
import dev.virtwire.model.VirtualNetwork;
import java.util.ArrayList;
import java.util.List;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.Network;

/**
 * libvirt network definitions (virNetworkDefineXML / virNetworkUndefine through libvirt-java) and DHCP
 * reservations. libvirt-java 0.5.4 has no virNetworkUpdate, so reservations go through {@code virsh
 * net-update} on the same URI, run here (virsh reaches remote hosts itself).
 */
final class NetworkWriter {
    private static final int XML_INACTIVE = 1;
    private final Connect connect;
    private final String uri;

    NetworkWriter(Connect connect, String uri) {
        this.connect = connect;
        this.uri = uri;
    }

    /** A new network from the model; an existing one from its own XML with only the changed parts replaced. */
    void define(VirtualNetwork definition) {
        try {
            String xml = LibvirtXml.network(definition);
            try {
                Network existing = connect.networkLookupByName(definition.name());
                xml = NetworkRedefinition.merge(existing.getXMLDesc(XML_INACTIVE), definition);
            } catch (LibvirtException e) {
                if (!LibvirtErrors.isGone(e)) {
                    throw e;
                }
            }
            connect.networkDefineXML(xml);
        } catch (LibvirtException e) {
            throw LibvirtErrors.call("defining network " + definition.name(), e);
        }
    }

    void undefine(String name) {
        try {
            Network n = connect.networkLookupByName(name);
            if (n.isActive() == 1) {
                throw new HostException("network " + name + " is active: stop it before removing it");
            }
            n.undefine();
        } catch (LibvirtException e) {
            throw LibvirtErrors.isGone(e) ? new HostException("there is no libvirt network named '" + name + "'", e)
                    : LibvirtErrors.call("removing network " + name, e);
        }
    }

    void setDhcpHost(String network, DhcpHost host, boolean present, Scope scope) {
        List<String> argv = new ArrayList<>(List.of("virsh", "-c", uri, "net-update", network,
                present ? "add-last" : "delete", "ip-dhcp-host", LibvirtXml.dhcpHost(host)));
        if (scope.live()) {
            argv.add("--live");
        }
        if (scope.config()) {
            argv.add("--config");
        }
        new CommandRunner(new Target.Local()).output(argv);
    }
}
