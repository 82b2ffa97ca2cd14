package dev.virtwire.diagnose;

import java.util.Locale;

/** How bad a finding is: ERROR blocks the traffic asked about, WARNING may hurt, INFO explains. */
public enum Severity {
    ERROR, WARNING, INFO;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
