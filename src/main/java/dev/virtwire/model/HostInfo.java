package dev.virtwire.model;

import java.util.Optional;

/** Which host a snapshot describes and how it was reached. */
public record HostInfo(String name, String uri, Optional<String> libvirtVersion) {
}
