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

    public String format(String key, Object... args) {
        return String.format(get(key), args);
    }
}
