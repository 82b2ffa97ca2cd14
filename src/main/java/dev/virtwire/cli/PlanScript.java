package dev.virtwire.cli;

import dev.virtwire.change.Plan;
import dev.virtwire.change.op.CheckpointOp;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.HostCommand;
import dev.virtwire.host.exec.CommandLine;
import dev.virtwire.host.exec.Target;
import java.util.List;

/**
 * A plan as a POSIX sh script that makes the same change by hand: the host's commands in order, every
 * argument quoted, what a command reads on stdin (XML, a batch) as a here-document. No rollback, no history:
 * {@code set -e} stops at the first failing command.
 */
final class PlanScript {
    private static final String END = "VIRTWIRE_END";

    private PlanScript() {
    }

    static String of(Plan plan, HostOptions host) {
        StringBuilder sh = new StringBuilder("#!/bin/sh\n");
        sh.append("# ").append(plan.title().replace('\n', ' ')).append('\n');
        sh.append("# Planned by virtwire").append(host.asArguments()).append(" against the host as it was then.\n");
        HostAddress address = host.address();
        where(address).ifPresent(w -> sh.append("# Run it ").append(w).append(".\n"));
        sh.append("set -eu\n");
        if (!address.isDemo() && !HostAddress.sshLoginOf(address.uri()).isPresent()) {
            sh.append("LIBVIRT_DEFAULT_URI=").append(CommandLine.of(List.of(address.uri()))).append('\n');
            sh.append("export LIBVIRT_DEFAULT_URI\n");
        }
        plan.operations().forEach(op -> {
            sh.append("\n# ").append(op.describe().replace('\n', ' ')).append('\n');
            if (op instanceof CheckpointOp) {
                // its second half needs the path busctl prints: a script cannot replay it line by line
                sh.append("# not run by this script: NetworkManager's checkpoint (its path is kept from busctl's "
                        + "reply; virtwire does it when it applies the plan)\n");
                HostCommand.shown(op.commands()).forEach(l -> sh.append("#   ").append(l.strip()).append('\n'));
                return;
            }
            op.commands().forEach(c -> command(sh, c));
            List<String> shown = HostCommand.shown(op.commands());
            List<String> preview = op.preview();
            if (preview.size() > shown.size()) { // steps only the host can spell out when it runs them
                preview.subList(shown.size(), preview.size()).forEach(l -> sh.append("# then, as virtwire does: ")
                        .append(l.strip()).append('\n'));
            }
        });
        return sh.toString();
    }

    private static java.util.Optional<String> where(HostAddress address) {
        if (address.target() instanceof Target.Netns ns) {
            return java.util.Optional.of("inside the network namespace: ip netns exec " + ns.name() + " sh FILE");
        }
        if (address.target() instanceof Target.Ssh ssh) {
            return java.util.Optional.of("on " + ssh.host() + " (with qemu:///system as libvirt's URI there)");
        }
        return java.util.Optional.empty();
    }

    private static void command(StringBuilder sh, HostCommand command) {
        if (command instanceof HostCommand.Run run) {
            withInput(sh, CommandLine.of(run.argv()), run.input());
        } else if (command instanceof HostCommand.LibvirtCall call) {
            withInput(sh, CommandLine.of(call.virsh()), call.virsh().contains("/dev/stdin")
                    ? call.xml().orElse("") : "");
        }
    }

    private static void withInput(StringBuilder sh, String line, String input) {
        if (input.isEmpty()) {
            sh.append(line).append('\n');
            return;
        }
        if (input.lines().anyMatch(END::equals)) {
            throw new IllegalStateException("a command's input holds the line " + END + ": it cannot be a "
                    + "here-document");
        }
        sh.append(line).append(" <<'").append(END).append("'\n").append(input);
        if (!input.endsWith("\n")) {
            sh.append('\n');
        }
        sh.append(END).append('\n');
    }
}
