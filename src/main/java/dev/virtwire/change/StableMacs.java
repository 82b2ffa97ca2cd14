package dev.virtwire.change;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * MACs for the bridges Virtwire creates, derived from their names. Without one the kernel (or libvirt) picks
 * a random MAC each time, so a bridge deleted by undo and created again by redo would come back different,
 * and a port-less bridge's MAC would change as ports come and go.
 */
final class StableMacs {
    private StableMacs() {
    }

    /** A locally administered unicast MAC for a Linux bridge. */
    static String forLinuxBridge(String name) {
        byte[] h = hash("linux-bridge:" + name);
        return String.format("02:%02x:%02x:%02x:%02x:%02x", h[0], h[1], h[2], h[3], h[4]);
    }

    /** In libvirt's own range (52:54:00), as libvirt gives its network bridges. */
    static String forBridge(String network) {
        byte[] h = hash("libvirt-network:" + network);
        return String.format("52:54:00:%02x:%02x:%02x", h[0], h[1], h[2]);
    }

    private static byte[] hash(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }
}
