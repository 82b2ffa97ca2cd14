package dev.virtwire.host.netconf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * nmcli's terse output ({@code nmcli -t}): tables are one line per row with fields separated by ':' (a ':' or
 * '\' inside a value is escaped with '\'); {@code connection show ID...} prints {@code setting.property:value}
 * lines, one block per profile, blocks separated by an empty line.
 */
final class NmcliTerse {
    private NmcliTerse() {
    }

    /** The rows of a table, each with exactly {@code columns} fields (a short row is padded with ""). */
    static List<List<String>> rows(String text, int columns) {
        List<List<String>> out = new ArrayList<>();
        for (String line : text.lines().toList()) {
            if (line.isEmpty()) {
                continue;
            }
            List<String> fields = split(line);
            while (fields.size() < columns) {
                fields.add("");
            }
            out.add(fields);
        }
        return out;
    }

    static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                field.append(line.charAt(++i));
            } else if (c == ':') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    /** The profiles' properties, one map per block, in the order printed. */
    static List<Map<String, String>> blocks(String text) {
        List<Map<String, String>> out = new ArrayList<>();
        Map<String, String> block = new LinkedHashMap<>();
        for (String line : text.lines().toList()) {
            if (line.isBlank()) {
                if (!block.isEmpty()) {
                    out.add(block);
                    block = new LinkedHashMap<>();
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                block.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        if (!block.isEmpty()) {
            out.add(block);
        }
        return out;
    }
}
