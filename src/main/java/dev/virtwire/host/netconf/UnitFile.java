package dev.virtwire.host.netconf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A systemd-style configuration file ({@code .network}, {@code .netdev}): {@code [Section]} headers and
 * {@code Key=Value} lines; a key may repeat (each value counts, an empty one clears the earlier ones); '#' and
 * ';' start comments. A line of any other form is a parse error naming its file and line.
 */
record UnitFile(TextFile file, List<Entry> entries) {
    /** One value, with the section it is in and the line it is on. */
    record Entry(String section, int sectionLine, String key, String value, int line) {
    }

    static UnitFile parse(TextFile file) {
        List<Entry> entries = new ArrayList<>();
        String section = "";
        int sectionLine = 0;
        for (int i = 0; i < file.lines().size(); i++) {
            String line = file.lines().get(i).strip();
            int number = i + 1;
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip();
                sectionLine = number;
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0 || section.isEmpty()) {
                throw new ConfigSyntaxException(file.at(number), section.isEmpty() && eq > 0
                        ? "a setting before any [Section]" : "neither [Section], Key=Value nor a comment: " + line);
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (value.isEmpty()) {
                final String s = section;
                entries.removeIf(e -> e.section().equals(s) && e.key().equals(key));
            } else {
                entries.add(new Entry(section, sectionLine, key, value, number));
            }
        }
        return new UnitFile(file, entries);
    }

    /** Every value of a key in a section, in order ({@code Name=a b} and two {@code Name=} lines alike). */
    List<String> values(String section, String key) {
        return entries.stream().filter(e -> e.section().equals(section) && e.key().equals(key))
                .map(Entry::value).toList();
    }

    Optional<String> value(String section, String key) {
        List<String> all = values(section, key);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** The line of the section's header, or 1 when the file has no such section. */
    int lineOf(String section) {
        return entries.stream().filter(e -> e.section().equals(section)).mapToInt(Entry::sectionLine).findFirst()
                .orElse(1);
    }

    /** Keys of a section other than these (what Virtwire does not evaluate). */
    List<Entry> otherThan(String section, List<String> keys) {
        return entries.stream().filter(e -> e.section().equals(section) && !keys.contains(e.key())).toList();
    }
}
