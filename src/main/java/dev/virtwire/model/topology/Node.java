package dev.virtwire.model.topology;

/**
 * A topology node. Ids are stable across refreshes so views can keep positions:
 * {@code outside}, {@code link:eth0}, {@code network:default}, {@code guest:web1},
 * {@code nic:web1/52:54:00:12:34:56}.
 */
public record Node(String id, NodeKind kind, String label) {

    public static final String OUTSIDE_ID = "outside";

    /** Ids are unique: hashing the id alone (thousands of nodes per topology) spares hashing every field. */
    @Override
    public int hashCode() {
        return id.hashCode();
    }

    public static String linkId(String link) {
        return "link:" + link;
    }

    public static String networkId(String network) {
        return "network:" + network;
    }

    public static String guestId(String guest) {
        return "guest:" + guest;
    }

    public static String nicId(String guest, String mac) {
        return "nic:" + guest + "/" + mac;
    }
}
