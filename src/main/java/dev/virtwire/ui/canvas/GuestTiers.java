package dev.virtwire.ui.canvas;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The guests' row laid out as a brick wall of two tiers: every other guest (in the row's order) sits one card
 * lower, under the gap between its neighbours, and its tap in a second tap row, so its line runs down through
 * that gap. A row of guests takes about half its one-row width and the picture gets the height a window has:
 * at fit its names are read, not guessed. A short row stays one tier: there is nothing to gain.
 */
final class GuestTiers {
    /** From this many boxes in the guests' row on, it is laid out in two tiers. */
    static final int FROM = 6;
    /**
     * A row where one network has more guests than this in a row stays one tier (see {@link #tiers}): only a
     * group the user opened has more.
     */
    static final int WIDEST_RUN = DiagramBuilder.GROUP_LIMIT;
    /** How far a line down to a lower-tier card keeps from the upper-tier cards beside it. */
    private static final double CLEAR = 24;

    private final double gap;
    private final double homeGap;
    private final Function<DiagramNode, Optional<BoxKey>> home;

    /**
     * @param home what a box hangs from: boxes of one home keep {@code gap} apart, of two homes {@code homeGap}
     */
    GuestTiers(double gap, double homeGap, Function<DiagramNode, Optional<BoxKey>> home) {
        this.gap = gap;
        this.homeGap = homeGap;
        this.home = home;
    }

    /**
     * The tier of each box of the row: 0 for the upper, 1 for the lower, alternating along the row; all 0 for a
     * short row, and for a row with a run of one network's guests longer than {@link #WIDEST_RUN}: that run sets
     * the picture's width whatever the rest does, and its lines, fanning out far, would cross the lower tier's.
     */
    Map<BoxKey, Integer> tiers(List<DiagramNode> guests) {
        Map<BoxKey, Integer> tiers = new HashMap<>();
        boolean two = guests.size() >= FROM && longestRun(guests) <= WIDEST_RUN;
        for (int i = 0; i < guests.size(); i++) {
            tiers.put(guests.get(i).id(), two ? i % 2 : 0);
        }
        return tiers;
    }

    private int longestRun(List<DiagramNode> guests) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < guests.size(); i++) {
            run = i > 0 && home.apply(guests.get(i)).equals(home.apply(guests.get(i - 1))) ? run + 1 : 1;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    /**
     * The centre of every box, left to right in row order: a box keeps clear of the previous box of its own
     * tier, and of the line (or card) of the previous box of the other tier.
     */
    Map<BoxKey, Double> centres(List<DiagramNode> guests, Map<BoxKey, Integer> tiers) {
        Map<BoxKey, Double> centres = new HashMap<>();
        List<Double> lefts = new ArrayList<>();
        int[] lastOfTier = {-1, -1};
        for (int i = 0; i < guests.size(); i++) {
            DiagramNode box = guests.get(i);
            int tier = tiers.get(box.id());
            double left = 0;
            int same = lastOfTier[tier];
            if (same >= 0) {
                DiagramNode sameTier = guests.get(same);
                left = lefts.get(same) + sameTier.width() + between(sameTier, box, gap, homeGap);
            }
            if (i >= 1 && tiers.get(guests.get(i - 1).id()) != tier) {
                DiagramNode before = guests.get(i - 1);
                double clear = between(before, box, CLEAR, CLEAR + homeGap - gap);
                left = Math.max(left, tier == 1
                        // this box's lines go down past the right edge of the upper card before it
                        ? lefts.get(i - 1) + before.width() + clear - firstPort(box)
                        // this upper card stays clear of the lines down to the lower card before it
                        : lefts.get(i - 1) + lastPort(before) + clear);
            }
            lefts.add(left);
            lastOfTier[tier] = i;
            centres.put(box.id(), left + box.width() / 2);
        }
        return centres;
    }

    private double between(DiagramNode a, DiagramNode b, double sameHome, double otherHome) {
        return home.apply(a).equals(home.apply(b)) ? sameHome : otherHome;
    }

    private static double firstPort(DiagramNode box) {
        return box.nics().isEmpty() ? box.width() / 2 : box.portCenter(box.nics().get(0).key());
    }

    private static double lastPort(DiagramNode box) {
        return box.nics().isEmpty() ? box.width() / 2 : box.portCenter(box.nics().get(box.nics().size() - 1).key());
    }
}
