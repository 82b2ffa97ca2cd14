package dev.virtwire.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.virtwire.host.kernel.LinksOnPath;
import dev.virtwire.host.kernel.OnlyPathSettings;
import dev.virtwire.model.HostSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A command about one guest reads the own settings (forwarding, IPv6 switches) of the links on its path alone
 * ({@link LinksOnPath}): on every catalog case, the troubleshooter answers on such a read as on a whole one.
 */
class PathSettingsCasesTest {

    static java.util.stream.Stream<Path> cases() throws IOException {
        return CatalogCasesTest.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aReadOfThePathsSettingsAnswersAsAWholeRead(Path file) throws IOException {
        JsonNode c = DemoEdits.MAPPER.readTree(file.toFile());
        HostSnapshot whole = DemoEdits.demoWith(c.path("edits"));
        String guest = c.get("guest").asText();
        Destination to = Destination.parse(c.get("to").asText());
        Set<String> read = to instanceof Destination.OtherGuest o ? Set.of(guest, o.name()) : Set.of(guest);
        HostSnapshot alone = onlyPathSettings(whole.withGuests(whole.guests().stream()
                .filter(g -> read.contains(g.name())).toList()));

        Troubleshooter troubleshooter = CatalogCasesTest.troubleshooter(c).readingGuests(read);
        Optional<String> nic = Optional.ofNullable(c.path("nic").asText(null));
        Diagnosis onWhole = troubleshooter.diagnose(whole.withGuests(alone.guests()), guest, nic, to);
        Diagnosis onPath = troubleshooter.diagnose(alone, guest, nic, to);
        assertEquals(onWhole.findings(), onPath.findings(), file.getFileName().toString());
        assertEquals(onWhole.path(), onPath.path(), file.getFileName().toString());
        assertEquals(onWhole.reachable(), onPath.reachable(), file.getFileName().toString());
        assertEquals(onWhole.unchecked(), onPath.unchecked(), file.getFileName().toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theSettingsRuleOnAreOnThePath(Path file) throws IOException {
        // the forwarding and IPv6 cases put their settings on links of the path, or the test above proves nothing
        JsonNode c = DemoEdits.MAPPER.readTree(file.toFile());
        String name = file.getFileName().toString();
        HostSnapshot whole = DemoEdits.demoWith(c.path("edits"));
        String guest = c.get("guest").asText();
        HostSnapshot alone = onlyPathSettings(whole.withGuests(whole.guests().stream()
                .filter(g -> g.name().equals(guest)).toList()));
        assertNotEquals(Set.of(), LinksOnPath.of(alone), name);
        if (name.startsWith("ip-forward-off") || name.startsWith("ip6-forward") || name.startsWith("accept-ra")) {
            assertTrue(!alone.kernel().notForwarding().isEmpty() || alone.kernel().ipv6().size() > 2, name);
        }
    }

    /** The snapshot with only the settings of the links on its guests' path, as a read about them has them. */
    static HostSnapshot onlyPathSettings(HostSnapshot s) {
        return s.withKernel(OnlyPathSettings.of(s, s));
    }
}
