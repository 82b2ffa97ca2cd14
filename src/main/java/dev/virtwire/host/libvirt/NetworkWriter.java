package dev.virtwire.host.libvirt;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.virtwire.host.HostException;
import dev.virtwire.host.HostCommand.LibvirtCall;
import dev.virtwire.host.LibvirtCalls;
import dev.virtwire.host.Scope;
import dev.virtwire.model.DhcpHost;
import dev.virtwire.model.VirtualNetwork;
import java.util.List;
import org.libvirt.LibvirtException;
import org.libvirt.Network;
import org.libvirt.jna.ConnectionPointer;

/**
 * Network definitions and DHCP reservations. libvirt-java 0.5.4 has no virNetworkUpdate, so reservations go
 * straight through JNA (as {@code virsh net-update} does), live and/or in the saved definition.
 */
final class NetworkWriter {
    // libvirt-java 0.5.4 has no constants for networks: libvirt's own values, named as in libvirt-network.h
    /** libvirt's VIR_NETWORK_XML_INACTIVE (libvirt-java names no network flags): the saved definition. */
    static final int XML_INACTIVE = 1;
    private static final int VIR_NETWORK_UPDATE_COMMAND_DELETE = 2;
    private static final int VIR_NETWORK_UPDATE_COMMAND_ADD_LAST = 3;
    private static final int VIR_NETWORK_SECTION_IP_DHCP_HOST = 4;
    private static final int VIR_NETWORK_UPDATE_AFFECT_LIVE = 1;
    private static final int VIR_NETWORK_UPDATE_AFFECT_CONFIG = 2;

    /** The part of libvirt's C API libvirt-java lacks here. */
    interface NetworkUpdateApi extends Library {
        Pointer virNetworkLookupByName(ConnectionPointer conn, String name);

        int virNetworkUpdate(Pointer network, int command, int section, int parentIndex, String xml, int flags);

        int virNetworkFree(Pointer network);
    }

    private final LibvirtConnection connect;
    private NetworkUpdateApi api;

    NetworkWriter(LibvirtConnection connect) {
        this.connect = connect;
    }

    /**
     * virsh net-define: a new network from the model; an existing one from its own saved XML with only the
     * changed parts replaced, so its MAC, DNS and domain survive a mode switch. An active network keeps its
     * running definition until restarted.
     */
    void define(VirtualNetwork definition, java.util.Optional<String> bridgeMac) {
        try {
            List<LibvirtCall> calls = LibvirtCalls.networkDefinition(definition, bridgeMac);
            String xml = calls.get(0).xml().orElseThrow();
            try {
                Network existing = connect.networkLookupByName(definition.name());
                xml = NetworkRedefinition.merge(existing.getXMLDesc(XML_INACTIVE), definition);
            } catch (LibvirtException e) {
                if (!LibvirtErrors.isGone(e)) {
                    throw e;
                }
            }
            Network n = connect.networkDefineXML(xml);
            n.setAutostart(definition.autostart());
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
        String what = (present ? "adding" : "removing") + " the DHCP reservation of " + host.ip() + " on " + network;
        boolean active;
        int parentIndex;
        try {
            Network n = connect.networkLookupByName(network);
            active = n.isActive() == 1;
            parentIndex = parentIndex(n.getXMLDesc(scope.config() ? XML_INACTIVE : 0), host);
        } catch (LibvirtException e) {
            throw LibvirtErrors.isGone(e) ? new HostException("there is no libvirt network named '" + network + "'", e)
                    : LibvirtErrors.call(what, e);
        }
        if (scope == Scope.LIVE && !active) {
            throw new HostException(what + ": the network is not running, so there is nothing live to change");
        }
        LibvirtCall call = LibvirtCalls.dhcpHost(network, host, present, scope);
        int flags = (call.half().live() && active ? VIR_NETWORK_UPDATE_AFFECT_LIVE : 0)
                | (call.half().config() ? VIR_NETWORK_UPDATE_AFFECT_CONFIG : 0);
        NetworkUpdateApi lib = api();
        Pointer net = lib.virNetworkLookupByName(connect.pointer(), network);
        if (net == null) {
            throw new HostException(what + " failed: libvirt no longer knows the network");
        }
        try {
            int rc = lib.virNetworkUpdate(net, present ? VIR_NETWORK_UPDATE_COMMAND_ADD_LAST
                    : VIR_NETWORK_UPDATE_COMMAND_DELETE, VIR_NETWORK_SECTION_IP_DHCP_HOST, parentIndex,
                    call.xml().orElseThrow(),
                    flags);
            if (rc < 0) {
                throw new HostException(what + " failed: " + lastError());
            }
        } finally {
            lib.virNetworkFree(net);
        }
    }

    /**
     * Where a DHCPv6 host goes: the place of the IPv6 {@code <ip>} holding its address among all {@code <ip>}s
     * (left to libvirt, -1, it would pick the first one with DHCP: the IPv4 one). IPv4 hosts: -1, as always.
     */
    static int parentIndex(String networkXml, DhcpHost host) {
        java.util.Optional<dev.virtwire.model.IpAddress> ip = dev.virtwire.model.IpAddress.tryParse(host.ip())
                .filter(a -> a.family() == dev.virtwire.model.IpAddress.Family.IPV6);
        if (ip.isEmpty()) {
            return -1;
        }
        List<org.w3c.dom.Element> ips = SafeXml.children(SafeXml.parse(networkXml, "the network's definition")
                .getDocumentElement(), "ip");
        for (int k = 0; k < ips.size(); k++) {
            if (NetworkIp6Xml.ip(ips.get(k)).flatMap(x -> dev.virtwire.model.IpAddress.tryParse(x.address()))
                    .filter(p -> p.contains(ip.get())).isPresent()) {
                return k;
            }
        }
        throw new HostException(ip.get().ip() + " lies in no IPv6 prefix of the network: nothing to reserve it in");
    }

    private synchronized NetworkUpdateApi api() {
        if (api == null) {
            api = Native.load("virt", NetworkUpdateApi.class);
        }
        return api;
    }

    private static String lastError() {
        var error = org.libvirt.jna.Libvirt.INSTANCE.virGetLastError();
        return error == null || error.message == null ? "libvirt gave no reason" : error.message;
    }
}
