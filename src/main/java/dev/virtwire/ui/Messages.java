package dev.virtwire.ui;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The window's words in the chosen language (English or Simplified Chinese; the system's by default). */
public final class Messages {
    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    private static final String BUNDLE = "dev.virtwire.ui.messages";

    private final ResourceBundle bundle;

    public Messages(Locale locale) {
        this.bundle = ResourceBundle.getBundle(BUNDLE, supported(locale));
    }

    /** English unless the locale asks for Chinese: a half-translated window is worse than an English one. */
    public static Locale supported(Locale locale) {
        return locale.getLanguage().equals("zh") ? CHINESE : Locale.ENGLISH;
    }

    public ResourceBundle bundle() {
        return bundle;
    }

    public String get(String key) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
    }

    /** Where a host is, in the window's language (the demo host's name is a word, not a URI). */
    public String where(dev.virtwire.host.HostAddress address) {
        return address.isDemo() ? get("host.demo") : address.describe();
    }

    public String format(String key, Object... args) {
        return String.format(get(key), args);
    }
}
