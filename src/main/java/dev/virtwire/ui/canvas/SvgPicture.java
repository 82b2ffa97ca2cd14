package dev.virtwire.ui.canvas;

import java.util.Locale;
import java.util.Map;

/**
 * The canvas as an SVG document: the same boxes, titles, details and lines as on screen, in the light
 * theme's colours. Text is escaped; nothing of the host is trusted to be markup-free.
 */
public final class SvgPicture {
    private SvgPicture() {
    }

    public static String of(Diagram diagram, Map<BoxKey, Spot> spots) {
        double width = 0;
        double height = 0;
        for (DiagramNode n : diagram.nodes()) {
            Spot s = spots.getOrDefault(n.id(), new Spot(0, 0));
            width = Math.max(width, s.x() + n.width() + 40);
            height = Math.max(height, s.y() + n.height() + 40);
        }
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                + "font-family=\"Noto Sans, DejaVu Sans, sans-serif\">%n", width, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%.0f\" height=\"%.0f\" fill=\"#eef1f5\"/>%n", width, height));
        for (DiagramEdge e : diagram.edges()) {
            edge(svg, diagram, spots, e);
        }
        for (DiagramNode n : diagram.nodes()) {
            box(svg, n, spots.getOrDefault(n.id(), new Spot(0, 0)));
        }
        return svg.append("</svg>\n").toString();
    }

    private static void edge(StringBuilder svg, Diagram d, Map<BoxKey, Spot> spots, DiagramEdge e) {
        DiagramNode a = d.ownerOf(e.from()).orElseThrow();
        DiagramNode b = d.ownerOf(e.to()).orElseThrow();
        Spot sa = spots.get(a.id());
        Spot sb = spots.get(b.id());
        boolean aLower = sa.y() >= sb.y();
        DiagramNode lo = aLower ? a : b;
        DiagramNode up = aLower ? b : a;
        Spot sl = aLower ? sa : sb;
        Spot su = aLower ? sb : sa;
        double x1 = sl.x() + lo.portCenter(aLower ? e.from() : e.to());
        double y1 = sl.y();
        double x2 = su.x() + up.width() / 2;
        double y2 = su.y() + up.height();
        double my = (y1 + y2) / 2;
        String stroke = switch (e.style()) {
            case WIRE -> "stroke=\"#52606d\" stroke-width=\"2\"";
            case CONFIGURED -> "stroke=\"#9aa5b1\" stroke-width=\"1.5\" stroke-dasharray=\"6 5\"";
            case BROKEN -> "stroke=\"#d64545\" stroke-width=\"2\" stroke-dasharray=\"7 5\"";
        };
        svg.append(String.format(Locale.ROOT, "<path d=\"M%.1f %.1f C%.1f %.1f %.1f %.1f %.1f %.1f\" fill=\"none\" %s/>%n",
                x1, y1, x1, my, x2, my, x2, y2, stroke));
        e.label().ifPresent(l -> svg.append(String.format(Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"#616e7c\" text-anchor=\"middle\">%s</text>%n",
                (x1 + x2) / 2, my, escape(l))));
    }

    private static void box(StringBuilder svg, DiagramNode n, Spot s) {
        String border = n.style().contains("down") || n.style().contains("inactive") ? "#d64545" : accent(n);
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.0f\" height=\"%.0f\" rx=\"8\" "
                + "fill=\"%s\" stroke=\"%s\" stroke-width=\"2\"/>%n", s.x(), s.y(), n.width(), n.height(),
                n.style().contains("guest-shutoff") || n.style().contains("inactive") ? "#e4e7eb" : "#ffffff", border));
        double y = s.y() + 18;
        for (DiagramNode.NicPort p : n.nics()) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\" "
                    + "fill=\"%s\">%s</text>%n", s.x() + n.portCenter(p.key()), y,
                    p.style().contains("down") ? "#d64545" : "#1f2933", escape(p.label())));
        }
        if (!n.nics().isEmpty()) {
            y += 30;
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"13\" font-weight=\"bold\" "
                + "fill=\"#1f2933\">%s</text>%n", s.x() + 10, y, escape(n.title())));
        for (String detail : n.details()) {
            y += 15;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"#616e7c\">%s</text>%n",
                    s.x() + 10, y, escape(detail)));
        }
    }

    private static String accent(DiagramNode n) {
        for (String style : n.style()) {
            switch (style) {
                case "mode-nat": return "#1c7ed6";
                case "mode-route": return "#2f9e44";
                case "mode-open": return "#0c8599";
                case "mode-isolated": return "#7048e8";
                case "mode-bridge": return "#e8590c";
                case "mode-macvtap": return "#ae3ec9";
                default: break;
            }
        }
        return n.kind() == DiagramNode.Kind.BRIDGE ? "#e8590c" : "#9aa5b1";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
