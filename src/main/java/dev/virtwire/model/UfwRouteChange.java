package dev.virtwire.model;

/**
 * ufw's two route rules for a bridge, {@code allow in on BR} and {@code allow out on BR}, made or taken back. ufw
 * keeps one rule per match: where the user has {@code deny in on BR} (or {@code reject}), ufw's allow turns that rule
 * into an allow where it stands ("Rule updated"), an insert of it is skipped, and taking it back means the deny
 * again. So each direction says what ufw had for its match before ("" for nothing, "deny", "reject").
 *
 * @param ahead     the rules that are new go ahead of ufw's rules ({@code ufw route insert 1}, {@code 2}), where a
 *                  deny of the user's with another match would stop what is appended after it
 * @param inBefore  ufw's action for {@code in on BR} before the change
 * @param outBefore ufw's action for {@code out on BR} before the change
 */
public record UfwRouteChange(String bridge, boolean present, boolean ahead, String inBefore, String outBefore) {
    public static final String IN = "in";
    public static final String OUT = "out";

    public UfwRouteChange {
        inBefore = inBefore == null ? "" : inBefore;
        outBefore = outBefore == null ? "" : outBefore;
    }

    /** What ufw had for the match in that direction before the change: "", "deny" or "reject". */
    public String before(String direction) {
        return direction.equals(IN) ? inBefore : outBefore;
    }

    /** Whether the allow in that direction updates a rule of the user's in place instead of adding one. */
    public boolean updates(String direction) {
        return !before(direction).isEmpty();
    }
}
