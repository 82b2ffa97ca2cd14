package dev.virtwire.host;

import dev.virtwire.host.exec.CommandLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One thing a host runs for a change, and the text a preview shows for it: previews list exactly these, the
 * real host runs them, and tests compare the two. A command is an argv (run as it is, never through a shell);
 * a libvirt call is an API function with what it acts on, the half it changes and the XML it sends, shown as
 * the virsh line that does the same. What a command reads on stdin (XML, a file's lines) follows it, indented.
 */
public sealed interface HostCommand permits HostCommand.Run, HostCommand.LibvirtCall {

    /** The preview's lines: the command line, or the virsh line followed by the XML it reads, indented. */
    List<String> shown();

    /** An external command (ip, bridge, nft, iptables, sysctl, ...), with what it reads on stdin (or ""). */
    record Run(List<String> argv, String input) implements HostCommand {
        public Run {
            argv = List.copyOf(argv);
        }

        public Run(List<String> argv) {
            this(argv, "");
        }

        @Override
        public List<String> shown() {
            List<String> lines = new ArrayList<>();
            lines.add(CommandLine.of(argv));
            input.lines().map(l -> "    " + l).forEach(lines::add);
            return lines;
        }
    }

    /**
     * A libvirt API call.
     *
     * @param function the C API function, e.g. {@code virDomainUpdateDeviceFlags}
     * @param object   the guest or network it acts on
     * @param half     for calls that change a running object or its saved config: which one (LIVE or CONFIG;
     *                 BOTH for a call that changes both at once)
     * @param xml      the XML it sends, when it sends some
     * @param virsh    the virsh argv that makes the same call; "/dev/stdin" in it stands for {@code xml}
     */
    record LibvirtCall(String function, String object, Scope half, Optional<String> xml, List<String> virsh)
            implements HostCommand {
        public LibvirtCall {
            virsh = List.copyOf(virsh);
        }

        @Override
        public List<String> shown() {
            List<String> lines = new ArrayList<>();
            lines.add(CommandLine.of(virsh));
            if (virsh.contains("/dev/stdin")) {
                xml.ifPresent(x -> x.lines().map(l -> "    " + l).forEach(lines::add));
            }
            return lines;
        }
    }

    /** The preview lines of these commands, in order. */
    static List<String> shown(List<? extends HostCommand> commands) {
        return commands.stream().flatMap(c -> c.shown().stream()).toList();
    }
}
