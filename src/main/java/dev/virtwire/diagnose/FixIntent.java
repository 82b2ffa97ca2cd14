package dev.virtwire.diagnose;

import dev.virtwire.host.Scope;
import dev.virtwire.model.NicType;
import java.util.List;
import java.util.Optional;

/**
 * The change a fix asks for, named like the change layer's agreed intents (AttachNic, SetNicLink, ...).
 * Stands in until {@code dev.virtwire.change.Intent} lands on main; {@link #commands()} is the preview
 * of what it will run.
 */
public sealed interface FixIntent {

    /** One line in the user's words. */
    String describe();

    /** The equivalent command lines, for previews and the CLI's JSON. */
    List<String> commands();

    record SetNetworkActive(String network, boolean active) implements FixIntent {
        public String describe() {
            return (active ? "Start" : "Stop") + " network '" + network + "'";
        }

        public List<String> commands() {
            return List.of("virsh net-" + (active ? "start " : "destroy ") + network);
        }
    }

    record SetNicLink(String guest, String mac, boolean up) implements FixIntent {
        public String describe() {
            return (up ? "Plug in" : "Unplug") + " the virtual cable of " + guest + "'s NIC " + mac;
        }

        public List<String> commands() {
            return List.of("virsh domif-setlink " + guest + " " + mac + " " + (up ? "up" : "down") + " --config",
                    "virsh domif-setlink " + guest + " " + mac + " " + (up ? "up" : "down"));
        }
    }

    record SetLinkUp(String link, boolean up) implements FixIntent {
        public String describe() {
            return "Bring link " + link + (up ? " up" : " down");
        }

        public List<String> commands() {
            return List.of("ip link set dev " + link + (up ? " up" : " down"));
        }
    }

    record SetLinkMaster(String link, Optional<String> master) implements FixIntent {
        public String describe() {
            return master.map(m -> "Plug " + link + " into bridge " + m).orElse("Take " + link + " off its bridge");
        }

        public List<String> commands() {
            return List.of("ip link set dev " + link + master.map(m -> " master " + m).orElse(" nomaster"));
        }
    }

    record SetLinkMtu(String link, int mtu) implements FixIntent {
        public String describe() {
            return "Set the MTU of " + link + " to " + mtu;
        }

        public List<String> commands() {
            return List.of("ip link set dev " + link + " mtu " + mtu);
        }
    }

    record SetIpForward(boolean on) implements FixIntent {
        public String describe() {
            return (on ? "Turn on" : "Turn off") + " IPv4 forwarding on the host";
        }

        public List<String> commands() {
            return List.of("sysctl -w net.ipv4.ip_forward=" + (on ? 1 : 0));
        }
    }

    record SwitchToNat(String guest, String mac, Optional<String> network) implements FixIntent {
        public String describe() {
            return "Move " + guest + "'s NIC " + mac + " to NAT network '" + network.orElse("default") + "'";
        }

        public List<String> commands() {
            return new AttachNic(guest, mac, NicType.NETWORK, network.orElse("default"), Scope.BOTH).commands();
        }
    }

    record AttachNic(String guest, String mac, NicType type, String source, Scope scope) implements FixIntent {
        public String describe() {
            return "Attach " + guest + "'s NIC " + mac + " to " + type.json() + " " + source;
        }

        public List<String> commands() {
            String flags = switch (scope) {
                case LIVE -> "--live";
                case CONFIG -> "--config";
                case BOTH -> "--live --config";
            };
            return List.of("virsh update-device " + guest + " nic-" + mac.replace(":", "") + ".xml " + flags
                    + "   # <interface type='" + type.json() + "'> with source " + source + ", MAC " + mac);
        }
    }
}
