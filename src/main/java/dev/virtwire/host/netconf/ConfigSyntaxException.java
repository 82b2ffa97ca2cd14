package dev.virtwire.host.netconf;

/** A manager's file Virtwire cannot parse, at {@code FILE:LINE}: reported as a gap, never fatal to a read. */
final class ConfigSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConfigSyntaxException(String where, String what) {
        super(where + ": " + what);
    }
}
