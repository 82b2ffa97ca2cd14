package dev.virtwire.ui;

import dev.virtwire.ui.canvas.Spot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the window remembers between runs (java.util.prefs): size, theme, language, recent hosts and,
 * per host, where the user moved boxes to.
 */
public final class Settings {
    private static final int RECENT_MAX = 8;
    private final Preferences prefs;

    public Settings(Preferences prefs) {
        this.prefs = prefs;
    }

    public static Settings user() {
        return new Settings(Preferences.userRoot().node("dev/virtwire/ui"));
    }

    public Locale locale() {
        String tag = prefs.get("locale", "");
        return Messages.supported(tag.isEmpty() ? Locale.getDefault() : Locale.forLanguageTag(tag));
    }

    public void setLocale(Locale locale) {
        prefs.put("locale", locale.toLanguageTag());
    }

    public boolean dark() {
        return prefs.getBoolean("dark", false);
    }

    public void setDark(boolean dark) {
        prefs.putBoolean("dark", dark);
    }

    /** "Don't ask again for safe changes" of the plan preview (risky plans are always shown). */
    public boolean skipPreviewForSafeChanges() {
        return prefs.getBoolean("skipSafePreview", false);
    }

    public void setSkipPreviewForSafeChanges(boolean skip) {
        prefs.putBoolean("skipSafePreview", skip);
    }

    /** A yes/no choice of the window's (see ViewChoices). */
    public boolean flag(String key, boolean otherwise) {
        return prefs.getBoolean(key, otherwise);
    }

    public void setFlag(String key, boolean value) {
        prefs.putBoolean(key, value);
    }

    /** x, y, width, height, maximized (1/0); the default is 1280×800 at 60, 40. */
    public double[] window() {
        return new double[] {prefs.getDouble("x", 60), prefs.getDouble("y", 40),
            Math.max(640, prefs.getDouble("w", 1280)), Math.max(480, prefs.getDouble("h", 800)),
            prefs.getBoolean("max", false) ? 1 : 0};
    }

    public void setWindow(double x, double y, double w, double h, boolean maximized) {
        prefs.putDouble("x", x);
        prefs.putDouble("y", y);
        prefs.putDouble("w", w);
        prefs.putDouble("h", h);
        prefs.putBoolean("max", maximized);
    }

    public List<String> recent() {
        List<String> uris = new ArrayList<>();
        for (int i = 0; i < RECENT_MAX; i++) {
            String uri = prefs.get("recent." + i, "");
            if (!uri.isEmpty()) {
                uris.add(uri);
            }
        }
        return uris;
    }

    public void addRecent(String uri) {
        List<String> uris = new ArrayList<>(recent());
        uris.remove(uri);
        uris.add(0, uri);
        for (int i = 0; i < RECENT_MAX; i++) {
            prefs.put("recent." + i, i < uris.size() ? uris.get(i) : "");
        }
    }

    /** Boxes the user placed by hand on this host. */
    public Map<String, Spot> positions(String hostUri) {
        Map<String, Spot> spots = new HashMap<>();
        Preferences node = positionsNode(hostUri);
        try {
            for (String key : node.keys()) {
                String[] xy = node.get(key, "").split(",");
                if (xy.length == 2) {
                    spots.put(key, new Spot(Double.parseDouble(xy[0]), Double.parseDouble(xy[1])));
                }
            }
        } catch (BackingStoreException | NumberFormatException e) {
            return Map.of();
        }
        return spots;
    }

    public void setPosition(String hostUri, String boxId, Spot spot) {
        positionsNode(hostUri).put(boxId, Math.round(spot.x()) + "," + Math.round(spot.y()));
    }

    public void clearPositions(String hostUri) {
        try {
            positionsNode(hostUri).clear();
        } catch (BackingStoreException e) {
            // nothing stored is the same as nothing to clear
        }
    }

    private Preferences positionsNode(String hostUri) {
        // preference node names are limited to 80 characters and may not hold '/': name hosts by a hash
        return prefs.node("positions").node(Integer.toHexString(hostUri.hashCode()));
    }
}
