package dev.virtwire.model;

import java.util.OptionalLong;

/**
 * One direction of a libvirt {@code <bandwidth>}, in libvirt's units: average, peak and floor in KiB/s, burst in
 * KiB. libvirt allows any of them to be left out (an inbound may carry only a floor).
 */
public record BandwidthLimit(OptionalLong average, OptionalLong peak, OptionalLong burst, OptionalLong floor) {

    public static BandwidthLimit of(long average) {
        return new BandwidthLimit(OptionalLong.of(average), OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty());
    }
}
