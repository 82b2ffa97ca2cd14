package dev.virtwire.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;

/** How the window writes when something happened: the local time of day, to the second. */
public final class TimeOfDay {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private TimeOfDay() {
    }

    public static String of(TemporalAccessor when) {
        return FORMAT.format(when);
    }
}
