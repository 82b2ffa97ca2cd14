package dev.virtwire.model;

import java.util.Optional;

/**
 * The sysctls that decide whether guests can reach beyond the host. Empty means "could not be read"
 * (the br_netfilter ones do not exist until the module is loaded).
 */
public record KernelSettings(Optional<Boolean> ipForward, Optional<Boolean> bridgeNfCallIptables,
                             Optional<Boolean> bridgeNfCallIp6tables, Optional<Boolean> bridgeNfCallArptables) {

    public static KernelSettings unknown() {
        return new KernelSettings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public KernelSettings withIpForward(boolean on) {
        return new KernelSettings(Optional.of(on), bridgeNfCallIptables, bridgeNfCallIp6tables, bridgeNfCallArptables);
    }
}
