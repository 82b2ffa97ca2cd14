package dev.virtwire.host.netconf;

import dev.virtwire.host.HostException;
import dev.virtwire.host.exec.CommandResult;
import dev.virtwire.model.LinkOwner;
import dev.virtwire.model.ManagerFound;
import dev.virtwire.model.SavedAddresses;
import dev.virtwire.model.SavedLink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * NetworkManager's profiles, through {@code nmcli -t} (its documented, stable terse output): whether it runs,
 * each device's state and active profile, and each profile's link, master, IPv4 method and addresses, MTU and
 * VLAN. Four commands whatever the number of profiles (five when in-memory profiles are looked at).
 * A profile counts as saved when it survives a reboot: its file lies outside {@code /run}, or it is the
 * "Wired connection N" NetworkManager generates again at every boot ({@code nm-generated} but not
 * {@code volatile} in its {@code /run} keyfile). Devices NetworkManager leaves unmanaged are not its own.
 */
final class NetworkManagerProfiles {
    static final List<String> GENERAL = List.of("nmcli", "-t", "-f", "RUNNING,VERSION", "general");
    static final List<String> DEVICES = List.of("nmcli", "-t", "-f", "DEVICE,TYPE,STATE,CON-UUID", "device");
    static final List<String> CONNECTIONS = List.of("nmcli", "-t", "-f",
            "NAME,UUID,TYPE,DEVICE,ACTIVE,AUTOCONNECT,FILENAME", "connection", "show");
    static final String PROFILE_FIELDS = "connection.id,connection.uuid,connection.type,connection.interface-name,"
            + "connection.autoconnect,connection.master,connection.slave-type,ipv4.method,ipv4.addresses,"
            + "802-3-ethernet.mtu,vlan.id,vlan.parent";

    private final HostCommands commands;
    private final HostFiles files;

    NetworkManagerProfiles(HostCommands commands, HostFiles files) {
        this.commands = commands;
        this.files = files;
    }

    ManagerRead read() {
        Optional<CommandResult> general = commands.runIfInstalled(GENERAL);
        if (general.isEmpty()) {
            return ManagerRead.absent();
        }
        if (!general.get().ok()) {
            // nmcli without a NetworkManager to talk to: installed, not running; its profiles are not read
            return new ManagerRead(Optional.of(new ManagerFound(LinkOwner.NETWORK_MANAGER, false,
                    "nmcli: " + general.get().stderr().strip())), List.of(), List.of());
        }
        String version = NmcliTerse.split(general.get().stdout().strip()).stream().skip(1).findFirst().orElse("");
        ManagerFound found = new ManagerFound(LinkOwner.NETWORK_MANAGER, true, "nmcli general: running "
                + version);
        String devices = output(DEVICES);
        String connections = output(CONNECTIONS);
        List<List<String>> rows = NmcliTerse.rows(connections, 7);
        String profiles = rows.isEmpty() ? "" : output(profileCommand(rows.stream().map(r -> r.get(1)).toList()));
        List<String> gaps = new ArrayList<>();
        Set<String> regenerated = rows.stream().map(r -> r.get(6)).filter(f -> f.startsWith("/run/"))
                .filter(f -> regeneratedAtBoot(f, gaps)).collect(Collectors.toSet());
        return new ManagerRead(Optional.of(found), links(devices, connections, profiles, regenerated), gaps);
    }

    static List<String> profileCommand(List<String> uuids) {
        List<String> argv = new ArrayList<>(List.of("nmcli", "-t", "-f", PROFILE_FIELDS, "connection", "show"));
        uuids.forEach(u -> argv.addAll(List.of("uuid", u)));
        return argv;
    }

    private String output(List<String> argv) {
        CommandResult r = commands.run(argv);
        if (!r.ok()) {
            throw new HostException("'" + r.commandLine() + "' failed (exit " + r.exitCode() + "): "
                    + r.stderr().strip());
        }
        return r.stdout();
    }

    /** An in-memory profile NetworkManager makes again at boot (the per-device "Wired connection N"). */
    private boolean regeneratedAtBoot(String keyfile, List<String> gaps) {
        try {
            return files.read(keyfile).map(f -> f.lines().contains("nm-generated=true")
                    && !f.lines().contains("volatile=true") && !f.lines().contains("external=true")).orElse(false);
        } catch (HostException e) {
            gaps.add("NetworkManager: " + e.getMessage());
            return false;
        }
    }

    /**
     * Pure: the saved links the outputs describe ({@link #DEVICES}, {@link #CONNECTIONS}, the profiles of
     * {@link #profileCommand}), given which {@code /run} keyfiles are made again at boot.
     */
    static List<SavedLink> links(String devices, String connections, String profiles, Set<String> regenerated) {
        Map<String, String> activeOn = new HashMap<>();
        Set<String> unmanaged = new HashSet<>();
        for (List<String> d : NmcliTerse.rows(devices, 4)) {
            if (d.get(2).startsWith("unmanaged")) {
                unmanaged.add(d.get(0));
            } else if (!d.get(3).isEmpty() && !d.get(2).contains("externally")) {
                activeOn.put(d.get(3), d.get(0));
            }
        }
        Map<String, List<String>> listed = new HashMap<>();
        NmcliTerse.rows(connections, 7).forEach(r -> listed.put(r.get(1), r));
        List<Map<String, String>> blocks = NmcliTerse.blocks(profiles);
        Map<String, String> linkOfUuid = new HashMap<>();
        for (Map<String, String> p : blocks) {
            String uuid = p.getOrDefault("connection.uuid", "");
            linkOfUuid.put(uuid, linkName(p, activeOn.getOrDefault(uuid, "")));
        }
        List<SavedLink> out = new ArrayList<>();
        for (Map<String, String> p : blocks) {
            String uuid = p.getOrDefault("connection.uuid", "");
            String file = listed.getOrDefault(uuid, List.of("", "", "", "", "", "", "")).get(6);
            String link = linkOfUuid.get(uuid);
            boolean survives = !file.startsWith("/run/") || regenerated.contains(file);
            if (link.isEmpty() || !survives || unmanaged.contains(link)) {
                continue;
            }
            out.add(savedLink(p, link, activeOn.containsKey(uuid), linkOfUuid));
        }
        // the profile NetworkManager applies now first, then the ones it would start at boot
        out.sort(Comparator.comparing((SavedLink s) -> !s.active()).thenComparing(s -> !s.atBoot()));
        return out;
    }

    /** The link a profile configures: its interface name, a VLAN's PARENT.ID, else the device it is active on. */
    private static String linkName(Map<String, String> p, String activeDevice) {
        String ifname = p.getOrDefault("connection.interface-name", "");
        if (!ifname.isEmpty()) {
            return ifname;
        }
        if (!activeDevice.isEmpty()) {
            return activeDevice;
        }
        String id = p.getOrDefault("vlan.id", "");
        String parent = p.getOrDefault("vlan.parent", "");
        return !id.isEmpty() && !parent.isEmpty() ? parent + "." + id : "";
    }

    private static SavedLink savedLink(Map<String, String> p, String link, boolean active,
                                       Map<String, String> linkOfUuid) {
        Optional<String> master = nonEmpty(p.get("connection.master")).map(m -> linkOfUuid.getOrDefault(m, m));
        Optional<String> parent = nonEmpty(p.get("vlan.parent")).map(m -> linkOfUuid.getOrDefault(m, m));
        return new SavedLink(link, LinkOwner.NETWORK_MANAGER, p.getOrDefault("connection.id", link),
                "yes".equals(p.get("connection.autoconnect")), active, master,
                master.isPresent() ? Optional.of(SavedAddresses.none()) : addresses(p),
                number(p.get("802-3-ethernet.mtu")), number(p.get("vlan.id")), parent);
    }

    /** auto: DHCP (plus any static ones), manual: static, disabled: none; link-local and shared are not compared. */
    private static Optional<SavedAddresses> addresses(Map<String, String> p) {
        List<String> fixed = Arrays.stream(p.getOrDefault("ipv4.addresses", "").split(","))
                .map(String::strip).filter(a -> !a.isEmpty()).toList();
        return switch (p.getOrDefault("ipv4.method", "disabled")) {
            case "auto" -> Optional.of(new SavedAddresses(true, fixed));
            case "manual" -> Optional.of(SavedAddresses.of(fixed));
            case "disabled" -> Optional.of(SavedAddresses.none());
            default -> Optional.empty();
        };
    }

    private static Optional<String> nonEmpty(String value) {
        return value == null || value.isBlank() || value.equals("--") ? Optional.empty() : Optional.of(value.strip());
    }

    private static OptionalInt number(String value) {
        try {
            return value == null || value.isBlank() ? OptionalInt.empty()
                    : OptionalInt.of(Integer.parseInt(value.strip()));
        } catch (NumberFormatException notANumber) {
            return OptionalInt.empty(); // "auto"
        }
    }
}
