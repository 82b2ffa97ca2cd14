package dev.virtwire.diagnose;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a short capture of a guest's frames (tcpdump -e -nn) shows: the source addresses it really uses,
 * whom it asks for by ARP (its gateway, usually), and whether it asks for DHCP.
 */
public record Capture(ProbeRun run, List<String> sourceAddresses, List<String> arpTargets, boolean dhcpRequests,
                      int frames) {
    private static final String IP = "(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})";
    private static final Pattern ARP = Pattern.compile("who-has " + IP + " tell " + IP);
    private static final Pattern IP_SOURCE = Pattern.compile(": " + IP + "(?:\\.\\d+)? > ");
    private static final Pattern DHCP = Pattern.compile("BOOTP/DHCP, Request|DHCP-Message|DHCPDISCOVER|DHCPREQUEST");

    public Capture {
        sourceAddresses = List.copyOf(sourceAddresses);
        arpTargets = List.copyOf(arpTargets);
    }

    public static Capture parse(ProbeRun run) {
        Set<String> sources = new LinkedHashSet<>();
        Set<String> asked = new LinkedHashSet<>();
        boolean dhcp = false;
        int frames = 0;
        for (String line : run.output().lines().toList()) {
            if (!line.contains(" > ")) {
                continue;
            }
            frames++;
            Matcher arp = ARP.matcher(line);
            if (arp.find()) {
                asked.add(arp.group(1));
                addSource(sources, arp.group(2));
            }
            Matcher ip = IP_SOURCE.matcher(line);
            if (ip.find()) {
                addSource(sources, ip.group(1));
            }
            dhcp |= DHCP.matcher(line).find();
        }
        return new Capture(run, List.copyOf(sources), List.copyOf(asked), dhcp, frames);
    }

    private static void addSource(Set<String> sources, String ip) {
        if (!ip.equals("0.0.0.0")) {
            sources.add(ip);
        }
    }

    /** One line for a finding's evidence. */
    public String summary() {
        if (frames == 0) {
            return "capture: the guest sent no frames while listening";
        }
        return "capture: " + frames + " frames; source addresses " + (sourceAddresses.isEmpty() ? "none"
                : String.join(", ", sourceAddresses)) + "; ARP asks for " + (arpTargets.isEmpty() ? "nothing"
                : String.join(", ", arpTargets)) + "; DHCP requests " + (dhcpRequests ? "yes" : "no");
    }
}
