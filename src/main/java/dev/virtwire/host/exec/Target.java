package dev.virtwire.host.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Where a host's kernel and firewall commands run: here, inside a network namespace, or over ssh. */
public sealed interface Target {
    Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@:-]{0,252}");

    /** The argv that runs {@code argv} at this target. */
    List<String> wrap(List<String> argv);

    /**
     * The command line a user is shown for {@code argv} here (a probe's evidence): one they can run themselves,
     * without what only Virtwire's own runs need (ssh's shared connection).
     */
    default List<String> shown(List<String> argv) {
        return wrap(argv);
    }

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
     * A remote host over ssh ({@code [user@]host[:port]}), non-interactively, with {@code program} as the ssh
     * client (libvirt's {@code command=} URI parameter names one), one connection shared by the commands
     * ({@link SshSharing}), in the C locale there too. ssh hands the remote
     * side one command line,
     * so every argument is single-quoted: the remote shell sees exactly our argv, never a word of its own.
     */
    record Ssh(String host, String program) implements Target {
        public Ssh {
            requireName(host, "ssh host");
            if (program == null || program.isBlank()) {
                throw new IllegalArgumentException("the ssh client to use must be named (e.g. ssh or /usr/bin/ssh)");
            }
        }

        public Ssh(String host) {
            this(host, "ssh");
        }

        @Override
        public List<String> wrap(List<String> argv) {
            return command(SshSharing.options(program), argv);
        }

        @Override
        public List<String> shown(List<String> argv) {
            return command(List.of(), argv);
        }

        private List<String> command(List<String> sharing, List<String> argv) {
            // ssh takes a port only in its URI form of the destination
            String destination = host.contains(":") ? "ssh://" + host : host;
            List<String> out = new ArrayList<>(List.of(program, "-o", "BatchMode=yes", "-o", "ConnectTimeout=10"));
            out.addAll(sharing);
            out.addAll(List.of("--", destination));
            // ssh does not pass our environment on: the remote command gets the C locale from env(1)
            out.add(quote("env"));
            out.add(quote("LC_ALL=C"));
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
