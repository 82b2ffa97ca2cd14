package dev.virtwire.diagnose;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** One check on a guest's path: reads the situation, returns what is wrong (usually nothing, or one finding). */
public interface Rule {

    List<Finding> check(Situation situation);

    /**
     * The findings {@link #check} can make. A diagnosis that looks for one finding (a fix's first look) runs only
     * the rules that make it, and so only the probes they need.
     */
    Set<Catalog> makes();

    /**
     * Starts, through {@link Probes#ahead}, the slow probes {@link #check} will most likely run (an arping takes
     * seconds), so that they run side by side with the other rules' instead of one after another.
     */
    default void probeAhead(Situation situation) {
    }

    /**
     * What this rule compares with every other guest, in the user's words ("whether another guest has the same
     * MAC"); empty when it reads only the guest's own path (its NICs, networks, links, firewall, leases). On a
     * read without the other guests (a command about one guest) the diagnosis says this was not checked.
     */
    default Optional<String> comparesEveryGuest() {
        return Optional.empty();
    }

    /**
     * What of {@link #comparesEveryGuest} stays unchecked when the guest was compared with every running guest
     * through the host-wide index ({@link dev.virtwire.model.RunningGuestIndex}) a read of one guest consults; all
     * of it unless the rule says otherwise.
     */
    default Optional<String> comparesGuestsTheIndexLeavesOut() {
        return comparesEveryGuest();
    }
}
