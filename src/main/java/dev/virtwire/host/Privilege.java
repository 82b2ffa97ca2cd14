package dev.virtwire.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How kernel and firewall changes get root when Virtwire does not run as root: a command prefix such as
 * {@code sudo -n} or {@code pkexec}, set with the environment variable {@value #VARIABLE}. libvirt changes
 * need no prefix: they go through the user's libvirt group or polkit.
 */
public record Privilege(List<String> prefix) {
    public static final String VARIABLE = "VIRTWIRE_PRIVILEGE";
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_./=-]+");

    public Privilege {
        prefix = List.copyOf(prefix);
        for (String word : prefix) {
            if (!WORD.matcher(word).matches()) {
                throw new IllegalArgumentException(VARIABLE + " holds '" + word + "': give a command and its options "
                        + "separated by blanks, e.g. \"sudo -n\" or \"pkexec\"");
            }
        }
    }

    public static Privilege none() {
        return new Privilege(List.of());
    }

    /** The prefix from {@value #VARIABLE}; none when unset (or when running as root). */
    public static Privilege fromEnvironment(Map<String, String> environment, String user) {
        String value = environment.getOrDefault(VARIABLE, "").trim();
        if (value.isEmpty() || user.equals("root")) {
            return none();
        }
        return new Privilege(List.of(value.split("\\s+")));
    }

    public static Privilege current() {
        return fromEnvironment(System.getenv(), System.getProperty("user.name", ""));
    }

    public List<String> wrap(List<String> argv) {
        List<String> out = new ArrayList<>(prefix);
        out.addAll(argv);
        return List.copyOf(out);
    }

    /** What a permission failure should tell the user. */
    public String hint() {
        return prefix.isEmpty() ? "this needs root: run Virtwire as root, or set " + VARIABLE + "=\"sudo -n\" (or "
                + "\"pkexec\") to let it ask for root for kernel and firewall changes"
                : "'" + String.join(" ", prefix) + "' could not get root for it: check that it may run without a "
                + "password prompt (sudo -n) or that a polkit agent runs (pkexec)";
    }
}
