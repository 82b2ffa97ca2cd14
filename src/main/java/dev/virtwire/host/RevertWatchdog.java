package dev.virtwire.host;

import java.time.Duration;
import java.util.List;

/** A timer ON THE HOST that reverts a risky change unless it is confirmed: it survives a lost connection. */
public interface RevertWatchdog {

    /**
     * Starts a watchdog that runs these {@code ip -batch} lines after {@code delay} unless it is disarmed first.
     *
     * @param id letters, digits and dashes; names the watchdog for {@link #disarmRevert}
     */
    void armRevert(String id, List<String> ipBatch, Duration delay);

    /** Cancels a watchdog. False when it is gone: it already ran the revert (or never existed). */
    boolean disarmRevert(String id);

    /**
     * After {@link #disarmRevert} found it gone: true when the watchdog ran (it left its mark), false when it never
     * ran (the host restarted, or /run was emptied, before the deadline). Reading the mark removes it.
     *
     * @throws HostException when the host could not say
     */
    boolean revertRan(String id);
}
