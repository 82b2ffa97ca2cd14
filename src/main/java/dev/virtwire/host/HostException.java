package dev.virtwire.host;

/** A host could not be read or changed. The message says what went wrong and what the user can do. */
public class HostException extends RuntimeException {

    public HostException(String message) {
        super(message);
    }

    public HostException(String message, Throwable cause) {
        super(message, cause);
    }
}
