package dev.virtwire.change;

/** A change was not made: the message says what is wrong and what is allowed. The host is untouched. */
public class ChangeRefused extends RuntimeException {

    public ChangeRefused(String message) {
        super(message);
    }
}
