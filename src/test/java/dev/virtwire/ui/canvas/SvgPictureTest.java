package dev.virtwire.ui.canvas;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.virtwire.host.sim.SimulatedHost;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.ui.Messages;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SvgPictureTest {

    @Test
    void theSvgHoldsEveryBoxAndLineAndEscapesNames() {
        HostSnapshot demo = SimulatedHost.demo().snapshot();
        Diagram d = DiagramBuilder.build(demo, Set.of(), new Messages(Locale.ENGLISH).bundle());
        String svg = SvgPicture.of(d, LayeredLayout.of(d));
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        demo.guests().forEach(g -> assertTrue(svg.contains(">" + g.name() + "<"), g.name()));
        assertTrue(svg.contains("stroke-dasharray=\"7 5\""), "the broken wiring is drawn");
        assertTrue(SvgPicture.escape("a<b&\"c\">").equals("a&lt;b&amp;&quot;c&quot;&gt;"));
        assertFalse(svg.contains("NaN"));
    }
}
