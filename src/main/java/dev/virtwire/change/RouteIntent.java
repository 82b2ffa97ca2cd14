package dev.virtwire.change;

import java.util.Optional;

/**
 * What the user wants of the host's routes, among them the uplink's default route brought back.
 */
public sealed interface RouteIntent extends Intent {
    /**
     * A route of the host's main table, e.g. the default route the kernel dropped when the uplink went down.
     * {@code destination} is "default" or a CIDR; the gateway must lie in a subnet of the device.
     */
    record AddRoute(String destination, Optional<String> gateway, String device, Optional<Integer> metric)
            implements RouteIntent {
        public String describe() {
            return "Add the route " + destination + gateway.map(g -> " via " + g).orElse("") + " on " + device;
        }
    }

    record RemoveRoute(String destination, Optional<String> gateway, String device, Optional<Integer> metric)
            implements RouteIntent {
        public String describe() {
            return "Remove the route " + destination + gateway.map(g -> " via " + g).orElse("") + " on " + device;
        }
    }

    /**
     * Bring the host's uplink back: the link up, and the default route the kernel dropped with it (as Virtwire
     * saw it before) added again.
     */
    record RestoreUplink(String link, String gateway, Optional<Integer> metric) implements RouteIntent {
        public String describe() {
            return "Bring " + link + " up and restore the default route via " + gateway;
        }
    }
}
