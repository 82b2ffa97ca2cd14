package dev.virtwire.cli;

import dev.virtwire.change.Intent;
import dev.virtwire.change.LinkIntent;
import dev.virtwire.change.SysctlIntent;
import dev.virtwire.host.Scope;
import java.util.List;
import java.util.OptionalInt;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "link", synopsisSubcommandLabel = "COMMAND", description = {"Set a host link up or down, or its "
        + "MTU; turn IPv4 forwarding on or off (for the host or one link; live, saved for the next boot, or both).", ChangeSession.DEMO_NOTE},
        subcommands = {LinkCommand.Up.class, LinkCommand.Down.class, LinkCommand.Mtu.class, LinkCommand.Forwarding.class})
final class LinkCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: up, down, mtu or forwarding");
    }

    @Command(name = "up", description = "ip link set LINK up")
    static final class Up extends IntentCommand {
        @Parameters(paramLabel = "LINK", converter = ArgumentSyntax.Link.class)
        String link;

        Intent intent() {
            return new LinkIntent.SetLinkUp(link, true);
        }
    }

    @Command(name = "down", description = "ip link set LINK down")
    static final class Down extends IntentCommand {
        @Parameters(paramLabel = "LINK", converter = ArgumentSyntax.Link.class)
        String link;

        Intent intent() {
            return new LinkIntent.SetLinkUp(link, false);
        }
    }

    @Command(name = "mtu", description = {"ip link set LINK mtu N; where a network manager owns LINK, also (or only) "
            + "saved through it:", "NetworkManager's profile (ethernet mtu=), systemd-networkd's .network ([Link] "
            + "MTUBytes=), ifupdown's stanza (mtu), or a netplan file of Virtwire's own (mtu:).", "On the link that "
            + "carries the host's own connection it runs under a revert timer: unless `virtwire confirm` runs in time, "
            + "the host takes the MTU back by itself (and puts back the files it saved it in)."})
    static final class Mtu extends IntentCommand {
        @Parameters(index = "0", paramLabel = "LINK", converter = ArgumentSyntax.Link.class)
        String link;
        @Parameters(index = "1", paramLabel = "MTU", converter = ArgumentSyntax.Mtu.class)
        int mtu;
        @Option(names = "--confirm-within", paramLabel = "SECONDS", description = "10 to 600 (default 60); used "
                + "when the change runs under the revert timer.")
        Integer seconds;

        @Mixin
        LinkScopeOption scope;

        Intent intent() {
            return new LinkIntent.SetLinkMtu(link, mtu, scope.scope(), seconds == null ? OptionalInt.empty()
                    : OptionalInt.of(seconds));
        }
    }

    @Command(name = "forwarding", description = {"sysctl -w net.ipv4.ip_forward=1|0, or with a LINK "
            + "net.ipv4.conf.LINK.forwarding=1|0.", "--scope saved or both also saves it in /etc/sysctl.d/60-virtwire.conf, "
            + "which the host applies at boot (undo puts the file back as it was).", "--ipv6: net.ipv6.conf.all|LINK"
            + ".forwarding; turned on for all, an uplink that takes router advertisements at accept_ra=1 gets",
            "accept_ra=2 first (same scope), so that the host keeps its IPv6 default route."})
    static final class Forwarding extends IntentCommand {
        @Option(names = "--ipv6", description = "IPv6 forwarding (net.ipv6.conf.*.forwarding) instead of IPv4's.")
        boolean ipv6;

        @Parameters(arity = "1..2", paramLabel = "[LINK] on|off")
        List<String> words;

        @Option(names = "--scope", paramLabel = "SCOPE", converter = ArgumentSyntax.SavedScopeWord.class,
                defaultValue = "live", description = "live (the running kernel), saved (the next boot) or both "
                + "(default: ${DEFAULT-VALUE}).")
        String scope;

        /** The words are checked as the other commands' values are: a wrong one is a wrong command line (exit 2). */
        @Override
        public Integer call() {
            try {
                new ArgumentSyntax.OnOff().convert(state());
                if (words.size() == 2) {
                    new ArgumentSyntax.Link().convert(words.get(0));
                }
            } catch (CommandLine.TypeConversionException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            return super.call();
        }

        private String state() {
            return words.get(words.size() - 1).toLowerCase(java.util.Locale.ROOT);
        }

        Intent intent() {
            String state = state();
            Scope sysctlScope = switch (scope) {
                case "saved" -> Scope.CONFIG;
                case "both" -> Scope.BOTH;
                default -> Scope.LIVE;
            };
            if (ipv6) {
                return new SysctlIntent.SetIpv6Conf(words.size() == 1 ? "all" : words.get(0), "forwarding",
                        state.equals("on") ? 1 : 0, sysctlScope);
            }
            return words.size() == 1 ? new SysctlIntent.SetIpForward(state.equals("on"), sysctlScope)
                    : new SysctlIntent.SetLinkForwarding(words.get(0), state.equals("on"), sysctlScope);
        }
    }
}
