package dev.virtwire.change;

/**
 * What the user wants of the host's firewall: port forwards to guests, a bridge's traffic let through.
 */
public sealed interface FirewallIntent extends Intent {
    /**
     * @param zone on a firewalld host, the zone the forward port goes in; "" for the uplink's zone
     * @param from only for connections from these addresses (an IPv4 address or network); "" for everyone
     */
    record AddPortForward(String protocol, int hostPort, String guestIp, int guestPort, String zone, String from)
            implements FirewallIntent {
        public AddPortForward {
            zone = zone == null ? "" : zone.strip();
            from = from == null ? "" : from.strip();
        }

        public AddPortForward(String protocol, int hostPort, String guestIp, int guestPort, String zone) {
            this(protocol, hostPort, guestIp, guestPort, zone, "");
        }

        public AddPortForward(String protocol, int hostPort, String guestIp, int guestPort) {
            this(protocol, hostPort, guestIp, guestPort, "");
        }

        public String describe() {
            return "Forward " + protocol + " port " + hostPort + " to " + guestIp + ":" + guestPort
                    + (from.isEmpty() ? "" : " for connections from " + from)
                    + (zone.isEmpty() ? "" : " in firewalld's " + zone + " zone");
        }
    }

    record RemovePortForward(String protocol, int hostPort, String guestIp, int guestPort) implements FirewallIntent {
        public String describe() {
            return "Stop forwarding " + protocol + " port " + hostPort + " to " + guestIp + ":" + guestPort;
        }
    }

    /**
     * Let a bridge's traffic through the host's forward filter (a FORWARD or DOCKER-USER DROP that starves the
     * guests behind it): accept what comes in by the bridge and the replies going back.
     */
    record AcceptBridgeTraffic(String bridge) implements FirewallIntent {
        public String describe() {
            return "Let " + bridge + "'s traffic through the host's firewall";
        }
    }

    record RemoveBridgeAccept(String bridge) implements FirewallIntent {
        public String describe() {
            return "Stop letting " + bridge + "'s traffic through the host's firewall";
        }
    }
}
