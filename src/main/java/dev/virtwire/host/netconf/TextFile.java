package dev.virtwire.host.netconf;

import java.util.List;

/** A configuration file of the host, read whole, with its lines numbered from 1 for messages. */
record TextFile(String path, List<String> lines) {
    TextFile {
        lines = List.copyOf(lines);
    }

    static TextFile of(String path, String text) {
        return new TextFile(path, text.lines().toList());
    }

    /** {@code PATH:LINE}, how a user finds the line in an editor. */
    String at(int line) {
        return path + ":" + line;
    }

    /** The directory the file is in. */
    String directory() {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
