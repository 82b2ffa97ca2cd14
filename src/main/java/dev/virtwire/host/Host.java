package dev.virtwire.host;

/** A host Virtwire can both read and change: the demo host, a local or remote libvirt host, the lab. */
public interface Host extends HostReader, HostWriter {
}
