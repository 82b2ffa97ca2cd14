package dev.virtwire.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The running lab as tests see it: where it is (libvirt URI, namespaces, guests and their
 * addresses, the LAN and the internet) and what can be done in it (commands in the lab host
 * or a guest, faults, heal). Values come from {@code lab status}; guest addresses are read
 * afresh on each call because a moved NIC gets a new lease.
 */
public final class Lab {

    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);

    private final LabScript script;
    private final Map<String, String> env;
    /** The URI {@code lab ssh} printed, while the sshd it started runs. */
    private volatile String sshUri;

    Lab(LabScript script, Map<String, String> env) {
        this.script = script;
        this.env = Map.copyOf(env);
    }

    /** Parses the shell-sourceable lines {@code KEY=VALUE} printed by lab up / status. */
    static Map<String, String> parseEnv(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq <= 0 || !line.startsWith("LAB_")) {
                continue;
            }
            String value = line.substring(eq + 1).strip();
            if (value.length() >= 2 && (value.startsWith("'") && value.endsWith("'")
                    || value.startsWith("\"") && value.endsWith("\""))) {
                value = value.substring(1, value.length() - 1);
            }
            values.put(line.substring(0, eq), value);
        }
        return values;
    }

    private String value(String key) {
        String v = env.get(key);
        if (v == null) {
            throw new IllegalStateException("lab status printed no " + key + ": " + env);
        }
        return v;
    }

    public String uri() {
        return value("LAB_URI");
    }

    public String netns() {
        return value("LAB_NETNS");
    }

    public String lanNetns() {
        return value("LAB_LAN_NETNS");
    }

    /** The namespace of the host on the LAN ({@link #lanHost()}). */
    public String lanHostNetns() {
        return value("LAB_LANHOST_NETNS");
    }

    /** The namespace that stands in for the internet ({@link #internet()} is its address). */
    public String internetNetns() {
        return value("LAB_INTERNET_NETNS");
    }

    public List<String> guests() {
        return Arrays.stream(value("LAB_GUESTS").split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    /** The guest's current IPv4 address (read now from the lab's DHCP leases). */
    public String guestIp(String guest) {
        return currentGuestIps().getOrDefault(guest, "");
    }

    public String lanGateway() {
        return value("LAB_LAN_GW");
    }

    public String lanHost() {
        return value("LAB_LAN_HOST");
    }

    /** The LAN host's IPv6 address (2001:db8:77::/64, the prefix the LAN router advertises). */
    public String lanHost6() {
        return value("LAB_LAN_HOST6");
    }

    /** The lab host's own address on the LAN (on its eth0). */
    public String hostIp() {
        return value("LAB_HOST_IP");
    }

    public String internet() {
        return value("LAB_INTERNET");
    }

    /** The gateway address of the libvirt network {@code routed} (on the lab host). */
    public String routedGateway() {
        return value("LAB_ROUTED_GW");
    }

    public String labDir() {
        return value("LAB_DIR");
    }

    /**
     * eth0 up with the lab host's address and default route, given back by hand as its admin would after a
     * {@code lab reboot} with no manager to save them ({@code --netconf none}); the first failure, or the last run.
     */
    public CommandResult uplinkBackByHand() {
        return allOf(List.of(List.of("ip", "link", "set", "eth0", "up"),
                List.of("ip", "addr", "replace", hostIp() + "/24", "dev", "eth0"),
                List.of("ip", "route", "replace", "default", "via", lanGateway(), "dev", "eth0")));
    }

    /**
     * libvirt's jumps taken out of FORWARD, as the lab's faults take them (libvirt makes them again at a reboot or a
     * network's start): then only what another firewall keeps decides. The first failure, or the last run.
     */
    public CommandResult libvirtJumpsOutOfForward() {
        return allOf(List.of("LIBVIRT_FWX", "LIBVIRT_FWI", "LIBVIRT_FWO").stream()
                .map(jump -> List.of("iptables", "-D", "FORWARD", "-j", jump)).toList());
    }

    private CommandResult allOf(List<List<String>> commands) {
        CommandResult last = null;
        for (List<String> argv : commands) {
            last = exec(argv.toArray(String[]::new));
            if (!last.ok()) {
                return last;
            }
        }
        return last;
    }

    /**
     * Runs argv in the lab host's network + mount namespace, as {@code lab exec} does but without starting the lab
     * script: its hundred-odd forks cost 0.3 to 0.5 s per call, most of a polling loop's time. When the lab's
     * daemons are gone, the script runs after all, to say why.
     */
    public CommandResult exec(String... argv) {
        Optional<Long> holder = namespaceHolder();
        if (holder.isEmpty()) {
            return script.lab(COMMAND_TIMEOUT, prepend("exec", argv));
        }
        List<String> all = new ArrayList<>(List.of("nsenter", "--mount=/proc/" + holder.get() + "/ns/mnt",
                "--net=/run/netns/" + netns(), "--"));
        all.addAll(List.of(argv));
        return LabScript.run(COMMAND_TIMEOUT, all);
    }

    /** The daemon whose mount namespace is the lab host's: libvirtd, or virtlogd while libvirtd is stopped. */
    private Optional<Long> namespaceHolder() {
        for (String daemon : List.of("libvirtd", "virtlogd")) {
            Optional<Long> pid = LabDaemons.alive(Path.of(labDir(), "pids", daemon + ".pid"));
            if (pid.isPresent()) {
                return pid;
            }
        }
        return Optional.empty();
    }

    /**
     * The lab host's own links (not guests' taps), their addresses and masters, the default route, and whether
     * {@code bridge} exists: what a change of the host's connection and its undo must leave as it was.
     */
    public String runningLinks(String bridge) {
        StringBuilder out = new StringBuilder();
        for (String link : List.of("eth0", "eth1", "br0")) {
            out.append(exec("ip", "-o", "-4", "address", "show", "dev", link).stdout().replaceAll("\\s+", " "))
                    .append('\n');
            String shown = exec("ip", "-o", "link", "show", "dev", link).stdout();
            out.append(link).append(shown.contains(" master ") ? " master " + shown.split(" master ")[1].split(" ")[0]
                    : " no master").append('\n');
        }
        out.append(exec("ip", "route", "show", "default").stdout());
        out.append(exec("ip", "link", "show", bridge).exitCode() == 0 ? bridge + " exists" : "no " + bridge);
        return out.toString();
    }

    /** The files of a folder in the lab host's own /etc (its mount namespace), by name, with their text. */
    public Map<String, String> filesIn(String dir) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (String name : exec("ls", "-A", dir).stdout().lines().filter(l -> !l.isBlank()).toList()) {
            out.put(name, exec("cat", dir + "/" + name).stdout());
        }
        return out;
    }

    /** Virtwire's command line against the lab over {@code uri}, with its history in {@code stateDir}. */
    public static dev.virtwire.cli.CliRun cli(java.nio.file.Path stateDir, String uri, String... args) {
        List<String> argv = new ArrayList<>(List.of(args));
        argv.addAll(List.of("--connect", uri, "--state-dir", stateDir.toString()));
        return dev.virtwire.cli.CliRun.of(argv.toArray(String[]::new));
    }

    /** Runs argv in another of the lab's network namespaces (e.g. {@link #lanHostNetns()}). */
    public CommandResult execIn(String netns, String... argv) {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", netns));
        all.addAll(List.of(argv));
        return LabScript.run(COMMAND_TIMEOUT, all);
    }

    /** Starts busybox's web server on port 80 in the guest, serving {@code page} (one already running stays). */
    public CommandResult serveFromGuest(String guest, String page) {
        return guestExec(guest, "sh", "-c", "mkdir -p /tmp/www && echo " + page + " > /tmp/www/index.html && "
                + "(busybox httpd -p 80 -h /tmp/www || true)");
    }

    /** Whether the LAN host gets {@code page} from the lab host's {@code port} (a port forward to a guest). */
    public boolean lanHostGets(String port, String page) {
        return execIn(lanHostNetns(), "curl", "-s", "--max-time", "3", "http://" + hostIp() + ":" + port + "/")
                .stdout().contains(page);
    }

    /**
     * Whether the LAN's router (another source than the LAN host) gets {@code page} from the lab host's
     * {@code port}: a forward for the LAN host only ({@code --from}) must not let it in.
     */
    public CommandResult lanRouterFetches(String port) {
        return execIn(lanNetns(), "curl", "-s", "--max-time", "3", "http://" + hostIp() + ":" + port + "/");
    }

    /** Runs argv inside the guest (busybox); stdout holds what it printed (stdout + stderr). */
    public CommandResult guestExec(String guest, String... argv) {
        List<String> all = new ArrayList<>(List.of("guest-exec", guest));
        all.addAll(List.of(argv));
        return script.lab(COMMAND_TIMEOUT, all.toArray(String[]::new));
    }

    /** Whether GUEST gets an answer from ADDRESS to one ping within 2 s. */
    public boolean guestPings(String guest, String address) {
        return guestExec(guest, "ping", "-c", "1", "-W", "2", address).ok();
    }

    /** {@code virtwire diagnose GUEST --to TO --json} on the lab, remembering what it saw in {@code stateDir}. */
    public com.fasterxml.jackson.databind.JsonNode diagnose(java.nio.file.Path stateDir, String guest, String to) {
        dev.virtwire.cli.CliRun run = dev.virtwire.cli.CliRun.of("diagnose", "--connect", uri(), "--netns", netns(),
                "--state-dir", stateDir.toString(), guest, "--to", to, "--internet", internet(), "--json");
        if (run.code() != 0) {
            throw new AssertionError("virtwire diagnose " + guest + " --to " + to + ": exit " + run.code() + "\n"
                    + run.err());
        }
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out());
        } catch (java.io.IOException e) {
            throw new AssertionError("diagnose printed no JSON: " + run.out() + run.err(), e);
        }
    }

    /** Injects a fault ({@code lab fault list}); fails when the lab refuses. */
    public void fault(String name) {
        require(script.lab(COMMAND_TIMEOUT, "fault", name), "lab fault " + name);
    }

    public void fault(String name, String guest) {
        require(script.lab(COMMAND_TIMEOUT, "fault", name, guest), "lab fault " + name + " " + guest);
    }

    /** Undoes every injected fault. */
    public void heal() {
        require(script.lab(COMMAND_TIMEOUT, "heal"), "lab heal");
    }

    /**
     * {@code lab up --firewall MODE}: the lab host's own firewall (iptables, which the other lab tests expect;
     * nftables; firewalld; ufw), without a network manager. A class that reshapes the lab ({@link RebuildsTheLab})
     * brings it up in its whole shape this way, or with {@link #useNetconf}, and leaves it so: the next class does
     * the same, and the others get the default shape from {@link LabExtension}.
     */
    public void useFirewall(String mode) {
        shape("--firewall", mode);
    }

    /** {@code lab up --netconf MANAGER --firewall iptables}: a manager owns the lab host's links; today's firewall. */
    public void useNetconf(String manager) {
        shape("--netconf", manager, "--firewall", "iptables");
    }

    private void shape(String... options) {
        long started = System.nanoTime();
        List<String> up = new ArrayList<>(List.of("up"));
        up.addAll(List.of(options));
        // as long as the lab's own wait for guests that stopped answering and are restarted
        require(lab(Duration.ofMinutes(5), up.toArray(String[]::new)), "lab " + String.join(" ", up));
        System.out.printf("lab %s: %d s%n", String.join(" ", up), (System.nanoTime() - started) / 1_000_000_000L);
    }

    /** Runs the lab script with any arguments. */
    public CommandResult lab(String... args) {
        return script.lab(COMMAND_TIMEOUT, args);
    }

    /**
     * {@code lab ssh}: the lab host as a remote host, where its manager's D-Bus and /etc are. Asked again only when
     * the sshd it started is gone: the URI never changes, and tests ask for it before each command line (the lab
     * script's start costs 0.3 to 0.5 s a call on a loaded machine).
     */
    public String sshUri() {
        String known = sshUri;
        if (known != null && LabDaemons.alive(Path.of(labDir(), "pids", "sshd.pid")).isPresent()) {
            return known;
        }
        CommandResult login = lab("ssh");
        if (!login.ok()) {
            throw new AssertionError("lab ssh failed: " + login.describe());
        }
        known = login.stdout().lines().filter(l -> l.startsWith("LAB_SSH_URI=")).findFirst()
                .orElseThrow(() -> new AssertionError("no LAB_SSH_URI in " + login.describe())).substring(12);
        sshUri = known;
        return known;
    }

    /** As {@link #lab(String...)}, for commands that take longer (a reboot waits for its guests). */
    public CommandResult lab(Duration timeout, String... args) {
        return script.lab(timeout, args);
    }

    public String console(String guest) {
        return script.lab(COMMAND_TIMEOUT, "console", guest).stdout();
    }

    private Map<String, String> currentGuestIps() {
        CommandResult status = script.lab(COMMAND_TIMEOUT, "status");
        String ips = Optional.ofNullable(parseEnv(status.stdout()).get("LAB_GUEST_IPS"))
                .orElse(value("LAB_GUEST_IPS"));
        Map<String, String> byGuest = new LinkedHashMap<>();
        for (String pair : ips.split("\\s+")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                byGuest.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return byGuest;
    }

    private static String[] prepend(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static void require(CommandResult result, String what) {
        if (!result.ok()) {
            throw new IllegalStateException(what + " failed: " + result.describe());
        }
    }

    @Override
    public String toString() {
        return "Lab" + env;
    }
}
