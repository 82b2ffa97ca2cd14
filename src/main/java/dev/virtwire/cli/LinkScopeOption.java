package dev.virtwire.cli;

import dev.virtwire.host.Scope;
import java.util.Optional;
import picocli.CommandLine.Option;

/** --scope for kernel-side changes: what runs, what the host's network manager saves, or both. */
final class LinkScopeOption {
    @Option(names = "--scope", paramLabel = "SCOPE", converter = ArgumentSyntax.SavedScopeWord.class,
            description = "live (gone after reboot), saved (through the host's network manager, from the next "
                    + "boot) or both; default: both where a manager owns (or will own) the link, else live.")
    String scope;

    Optional<Scope> scope() {
        return Optional.ofNullable(scope).map(s -> switch (s) {
            case "live" -> Scope.LIVE;
            case "saved" -> Scope.CONFIG;
            default -> Scope.BOTH;
        });
    }
}
