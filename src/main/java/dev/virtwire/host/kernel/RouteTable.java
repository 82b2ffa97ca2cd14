package dev.virtwire.host.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.virtwire.model.Route;
import java.util.List;

/** Maps {@code ip -j route} (the main table) to routes. Pure. */
public final class RouteTable {
    private RouteTable() {
    }

    public static List<Route> routes(String ipRoute) {
        return JsonInput.array(ipRoute, "ip -j route").stream()
                .filter(o -> JsonInput.text(o, "dst").isPresent())
                .filter(o -> !o.path("type").asText("unicast").matches("blackhole|unreachable|prohibit|local"))
                .map(RouteTable::route).toList();
    }

    private static Route route(JsonNode o) {
        return new Route(JsonInput.text(o, "dst").orElseThrow(), JsonInput.text(o, "gateway"),
                JsonInput.text(o, "dev"), JsonInput.integer(o, "metric"));
    }
}
