package dev.virtwire.ui.canvas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.topology.TopologyDot;
import dev.virtwire.ui.Messages;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** `virtwire topology --dot` puts every row's boxes in the order the canvas draws them, left to right. */
class DotOrderTest {
    private static final Messages TEXT = new Messages(Locale.ENGLISH);
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");

    @Test
    void theDotExportsRowsFollowTheCanvas() {
        HostSnapshot demo = SimulatedHost.demo().snapshot();
        Diagram d = DiagramBuilder.build(demo, Set.of(), TEXT.bundle());
        Map<BoxKey, Spot> spots = LayeredLayout.of(d);
        List<List<String>> ranks = ranks(TopologyDot.of(demo));
        assertEquals(5, ranks.size(), "one rank per row: " + ranks);
        int compared = 0;
        for (int layer = 0; layer < 5; layer++) {
            int l = layer;
            List<String> canvas = d.nodes().stream().filter(n -> n.layer() == l && n.id() instanceof BoxKey.Element)
                    .sorted(Comparator.comparingDouble(n -> spots.get(n.id()).x() + n.width() / 2))
                    .map(n -> n.id().text()).toList();
            List<String> dot = ranks.get(layer);
            List<String> canvasInDot = canvas.stream().filter(dot::contains).toList();
            assertEquals(canvasInDot, dot.stream().filter(canvas::contains).toList(), "row " + layer);
            // the same boxes, but for what only the canvas draws (a box for configuration that does not run)
            assertTrue(canvasInDot.size() >= canvas.size() - 1 && canvasInDot.size() == dot.size(),
                    "row " + layer + ": canvas " + canvas + ", dot " + dot);
            compared += canvasInDot.size();
        }
        assertTrue(compared > 30, compared + " boxes compared");
    }

    private static List<List<String>> ranks(String dot) {
        List<List<String>> ranks = new ArrayList<>();
        for (String line : dot.lines().filter(l -> l.contains("rank=same")).toList()) {
            List<String> ids = new ArrayList<>();
            Matcher m = QUOTED.matcher(line);
            while (m.find()) {
                ids.add(m.group(1));
            }
            ranks.add(ids);
        }
        return ranks;
    }
}
