package dev.virtwire.diagnose;

import java.util.List;

/** One check on a guest's path: reads the situation, returns what is wrong (usually nothing, or one finding). */
public interface Rule {

    List<Finding> check(Situation situation);
}
