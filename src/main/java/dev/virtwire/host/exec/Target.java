package dev.virtwire.host.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Where a host's kernel and firewall commands run: here, inside a network namespace, or over ssh. */
public sealed interface Target {
    Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@:-]{0,252}");

    /** The argv that runs {@code argv} at this target. */
    List<String> wrap(List<String> argv);

    /** How the target is named to a user, e.g. "netns lab". */
    String describe();

    record Local() implements Target {
        @Override
        public List<String> wrap(List<String> argv) {
            return List.copyOf(argv);
        }

        @Override
        public String describe() {
            return "this machine";
        }
    }

    /** A named network namespace (as {@code ip netns list} shows it). */
    record Netns(String name) implements Target {
        public Netns {
            requireName(name, "network namespace");
        }

        @Override
        public List<String> wrap(List<String> argv) {
            List<String> out = new ArrayList<>(List.of("ip", "netns", "exec", name));
            out.addAll(argv);
            return out;
        }

        @Override
        public String describe() {
            return "network namespace " + name;
        }
    }

    /**
     * A remote host over ssh, non-interactively. ssh hands the remote side one command line, so every
     * argument is single-quoted: the remote shell sees exactly our argv, never a word of its own.
     */
    record Ssh(String host) implements Target {
        public Ssh {
            requireName(host, "ssh host");
        }

        @Override
        public List<String> wrap(List<String> argv) {
            List<String> out = new ArrayList<>(List.of("ssh", "-o", "BatchMode=yes", "-o", "ConnectTimeout=10",
                    "--", host));
            argv.forEach(a -> out.add(quote(a)));
            return out;
        }

        @Override
        public String describe() {
            return "ssh " + host;
        }

        static String quote(String arg) {
            return "'" + arg.replace("'", "'\\''") + "'";
        }
    }

    private static void requireName(String name, String what) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a valid " + what + " name: use letters, "
                    + "digits and . _ - @ : only, starting with a letter or digit");
        }
    }
}
