package dev.virtwire.ui;

import java.time.Instant;

/** One message the window gave the user, kept in the notification log. */
record Notice(Instant when, Kind kind, String title, String message) {
    enum Kind {
        INFO, ERROR,
        /** A change failed part-way: what was reverted and what could not be. */
        PARTIAL_FAILURE
    }
}
