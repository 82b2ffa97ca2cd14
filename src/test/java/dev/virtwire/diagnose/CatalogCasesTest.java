package dev.virtwire.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.virtwire.change.Changes;
import dev.virtwire.change.Plan;
import dev.virtwire.host.HostAddress;
import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Route;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One case per file in cases/: the demo host with small edits, a question, and what the troubleshooter
 * must answer. A new case is a file, not code. Every catalog id has at least one case naming it first.
 */
class CatalogCasesTest {
    private static final Path CASES = casesFolder();

    @TempDir
    Path stateDir;

    static Stream<Path> cases() throws IOException {
        try (Stream<Path> files = Files.list(CASES)) { // README.md explains the format
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theTroubleshooterAnswersAsTheCaseExpects(Path file) throws IOException {
        JsonNode c = DemoEdits.MAPPER.readTree(file.toFile());
        Diagnosis d = diagnose(c);
        String why = file.getFileName() + "\n" + DemoGuestsTest.describe(d);
        JsonNode expect = c.get("expect");
        assertFalse(d.findings().isEmpty(), why);
        Finding first = d.findings().get(0);
        assertEquals(expect.get("first").asText(), first.id(), why);
        // a fix's first look, which runs only the rules that make this finding, finds it the same
        Diagnosis looking = troubleshooter(c).lookingFor(first.entry()).diagnose(DemoEdits.demoWith(c.path("edits")),
                c.get("guest").asText(), Optional.ofNullable(c.path("nic").asText(null)),
                Destination.parse(c.get("to").asText()));
        Finding found = looking.finding(first.id()).orElseThrow(() -> new AssertionError("looking for " + first.id()
                + " alone: " + DemoGuestsTest.describe(looking)));
        assertEquals(first.title(), found.title(), why);
        assertEquals(first.evidence(), found.evidence(), why);
        assertEquals(first.fix().map(Fix::intent), found.fix().map(Fix::intent), why);
        if (expect.has("severity")) {
            assertEquals(expect.get("severity").asText(), first.severity().json(), why);
        }
        if (expect.has("reachable")) {
            Optional<Boolean> reachable = expect.get("reachable").isNull() ? Optional.empty()
                    : Optional.of(expect.get("reachable").asBoolean());
            assertEquals(reachable, d.reachable(), why);
        }
        if (expect.has("fix")) {
            Optional<String> wanted = expect.get("fix").isNull() ? Optional.empty()
                    : Optional.of(expect.get("fix").asText());
            assertEquals(wanted, first.fix().map(Fix::description), why);
        }
        if (first.fix().isPresent()) {
            // a fix is only worth offering if the change layer would carry it out on this very host
            SimulatedHost host = new SimulatedHost(DemoEdits.demoWith(c.path("edits")));
            try (Changes changes = new Changes(host, HostAddress.demo(), stateDir)) {
                Plan plan = changes.plan(first.fix().get().intent());
                assertFalse(plan.commands().isEmpty(), why);
                if (expect.path("repaired").asBoolean(false)) {
                    changes.apply(plan);
                    Diagnosis after = diagnose(c, host.snapshot());
                    assertTrue(after.finding(first.id()).isEmpty(), "still " + first.id() + " after the fix: "
                            + DemoGuestsTest.describe(after));
                }
            }
        }
        for (String symptom : strings(expect.path("symptoms"))) {
            assertTrue(first.symptoms().stream().anyMatch(s -> s.id().equals(symptom)), symptom + " not under "
                    + first.id() + ": " + why);
        }
        for (String absent : strings(expect.path("absent"))) {
            assertTrue(d.finding(absent).isEmpty(), absent + " reported: " + why);
        }
        for (String text : strings(expect.path("evidence"))) {
            assertTrue(first.evidence().stream().anyMatch(e -> e.contains(text)), "no evidence '" + text + "': " + why);
        }
        assertFalse(first.nodes().isEmpty(), "a finding marks nodes: " + why);
        assertTrue(first.fix().isPresent() || !first.steps().isEmpty(), "a fix or steps: " + why);
        for (Hop hop : d.path()) {
            if (first.nodes().contains(hop.nodeId())) {
                assertFalse(hop.ok(), hop.nodeId() + " should be marked: " + why);
            }
        }
    }

    @Test
    void everyCatalogEntryHasACaseThatNamesItFirst() throws IOException {
        Set<String> covered = new java.util.HashSet<>();
        for (Path file : cases().toList()) {
            covered.add(DemoEdits.MAPPER.readTree(file.toFile()).at("/expect/first").asText());
        }
        List<String> missing = Arrays.stream(Catalog.values()).map(Catalog::id).filter(id -> !covered.contains(id))
                .collect(Collectors.toList());
        assertEquals(List.of(), missing);
    }

    @Test
    void theReadmeNamesEveryCatalogId() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        List<String> missing = Arrays.stream(Catalog.values()).map(Catalog::id)
                .filter(id -> !readme.contains("`" + id + "`")).collect(Collectors.toList());
        assertEquals(List.of(), missing);
    }

    private static Diagnosis diagnose(JsonNode c) {
        return diagnose(c, DemoEdits.demoWith(c.path("edits")));
    }

    private static Diagnosis diagnose(JsonNode c, HostSnapshot host) {
        return troubleshooter(c).diagnose(host, c.get("guest").asText(),
                Optional.ofNullable(c.path("nic").asText(null)), Destination.parse(c.get("to").asText()));
    }

    /** The troubleshooter a case asks: with its scripted probes and the default routes it remembers. */
    static Troubleshooter troubleshooter(JsonNode c) {
        Probes probes = c.has("probes") ? new ScriptedProbes(c.get("probes")) : Probes.none();
        List<Route> remembered = new ArrayList<>();
        c.path("remembered_default_routes").forEach(r -> remembered.add(new Route("default",
                Optional.of(r.get("gateway").asText()), Optional.of(r.get("device").asText()),
                r.has("metric") ? OptionalInt.of(r.get("metric").asInt()) : OptionalInt.empty())));
        return new Troubleshooter(probes).remembering(remembered);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Path casesFolder() {
        try {
            return Path.of(CatalogCasesTest.class.getResource("/dev/virtwire/diagnose/cases").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
