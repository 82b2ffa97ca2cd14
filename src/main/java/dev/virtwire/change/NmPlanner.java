package dev.virtwire.change;

import dev.virtwire.change.op.CheckpointOp;
import dev.virtwire.change.op.LinkMtuOp;
import dev.virtwire.change.op.NmMtuOp;
import dev.virtwire.change.op.NmProfileOp;
import dev.virtwire.change.op.Operation;
import dev.virtwire.host.HostReader;
import dev.virtwire.model.BridgeSettings;
import dev.virtwire.model.ConfigFile;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Link;
import dev.virtwire.model.LinkKind;
import dev.virtwire.model.SavedLink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Link changes through NetworkManager: bridges and their ports as profiles (keyfiles), loaded and activated
 * with nmcli, or only saved for the next boot. A change that touches the host's own connection runs under a
 * NetworkManager checkpoint, so NetworkManager rolls it back unless the user confirms in time.
 */
final class NmPlanner {
    static final String KEYFILES = "/etc/NetworkManager/system-connections/";
    /** Profile types whose MTU is the wired setting's. */
    private static final java.util.Set<String> WIRED_TYPES = java.util.Set.of("ethernet", "802-3-ethernet", "bridge",
            "bond", "vlan");
    private final HostSnapshot s;
    private final HostReader host;
    private final SavedScope scope;

    NmPlanner(HostSnapshot s, HostReader host, SavedScope scope) {
        this.s = s;
        this.host = host;
        this.scope = scope;
    }

    Plan createBridge(LinkIntent.CreateBridge i, BridgeSettings settings) {
        ConfigFile file = bridgeKeyfile(i.name(), settings, Optional.empty(), List.of());
        return plan(i, List.of(profile(i.name(), i.name(), Optional.empty(), Optional.of(file), true,
                Optional.empty(), Optional.empty(), false)));
    }

    /** The bridge's profile deleted; its ports' profiles must go first (they would name a bridge no more). */
    Plan deleteBridge(LinkIntent.DeleteBridge i, Link bridge, boolean risky) {
        List<String> savedPorts = s.saved().links().stream().filter(l -> l.master().filter(bridge.name()::equals)
                .isPresent()).map(l -> l.name() + " (" + l.owner() + " " + l.source() + ")").toList();
        if (!savedPorts.isEmpty()) {
            throw new ChangeRefused("bridge " + bridge.name() + " has saved ports " + savedPorts + ": remove them "
                    + "first (virtwire bridge remove-port LINK)");
        }
        ConfigFile file = keyfile(scope.profile().orElseThrow());
        return plan(i, List.of(profile(scope.profile().get().source(), bridge.name(), Optional.of(file),
                Optional.empty(), false, Optional.empty(), Optional.empty(), risky)));
    }

    /** A link with a profile of its own becomes a port in it; a physical one without gets a port profile. */
    Plan addPort(LinkIntent.SetLinkMaster i, Link link, String bridge, boolean risky) {
        if (s.saved().owner(bridge).filter(b -> b.owner() == scope.manager()).isEmpty()) {
            throw new ChangeRefused("bridge " + bridge + " is not saved by " + scope.manager() + ": a port saved "
                    + "there would name a bridge it does not make at boot; save the bridge first");
        }
        Optional<SavedLink> own = s.saved().owner(link.name()).filter(o -> o.owner() == scope.manager());
        if (own.isPresent()) {
            ConfigFile before = keyfile(own.get());
            NmKeyfile port = asPort(NmKeyfile.parse(before.path(), before.text()), bridge);
            return plan(i, List.of(profile(own.get().source(), link.name(), Optional.of(before),
                    Optional.of(before.withText(port.text())), true, Optional.of(bridge), link.master(), risky)));
        }
        if (link.kind() != LinkKind.PHYSICAL) {
            throw new ChangeRefused(link.name() + " is a " + link.kind().json() + " no manager owns: add it live "
                    + "(--scope live); its owner (libvirt, a script) puts it back after a reboot");
        }
        String name = bridge + "-port-" + link.name();
        ConfigFile file = ConfigFile.privateToRoot(KEYFILES + name + ".nmconnection", String.join("\n",
                "[connection]", "id=" + name, "uuid=" + uuidFor(name), "type=ethernet", "interface-name=" + link.name(),
                "master=" + bridge, "slave-type=bridge", "") );
        return plan(i, List.of(profile(name, link.name(), Optional.empty(), Optional.of(file), true,
                Optional.of(bridge), link.master(), risky)));
    }

    /** The link's port profile deleted (NetworkManager releases it); a profile with addresses is not a port. */
    Plan removePort(LinkIntent.SetLinkMaster i, Link link, boolean risky) {
        SavedLink own = scope.profile().orElseThrow();
        if (own.master().isEmpty()) {
            throw new ChangeRefused(link.name() + "'s profile " + own.source() + " does not make it a port of "
                    + link.master().orElse("a bridge") + ": it was added by hand; change it live (--scope live)");
        }
        ConfigFile file = keyfile(own);
        return plan(i, List.of(profile(own.source(), link.name(), Optional.of(file), Optional.empty(), false,
                Optional.empty(), own.master(), risky)));
    }

    /**
     * The MTU in the link's profile ({@code mtu=} of its {@code [ethernet]} section, which NetworkManager reads for
     * bridges, bonds and VLANs too), loaded without activating it again (that would take the link down). Where the
     * profile is the one NetworkManager applies to the link now, it then re-applies it ({@link NmMtuOp}: its applied
     * settings, which it may set again, say the new MTU too); else {@code ip link set} for what runs: the same MTU
     * NetworkManager sets at the next activation.
     *
     * @param kernel the MTU set in what runs (its {@code from} may be the new one: a profile saved as it runs)
     */
    Plan setMtu(LinkIntent.SetLinkMtu i, LinkMtuOp kernel) {
        SavedLink own = scope.profile().orElseThrow();
        ConfigFile before = keyfile(own);
        NmKeyfile parsed = NmKeyfile.parse(before.path(), before.text());
        String type = parsed.get("connection", "type").orElse("");
        if (!WIRED_TYPES.contains(type)) {
            throw new ChangeRefused(i.link() + "'s profile " + own.source() + " is of type '" + type + "': Virtwire "
                    + "saves an MTU in ethernet, bridge, bond and VLAN profiles only; set it with nmcli connection "
                    + "modify, or live only (--scope live)");
        }
        // a profile may spell the section by its long name; NetworkManager reads either, the file keeps its own
        String section = parsed.section("802-3-ethernet").isEmpty() ? "ethernet" : "802-3-ethernet";
        ConfigFile after = before.withText(parsed.with(section, "mtu", Integer.toString(i.mtu())).text());
        boolean live = scope.scope().live();
        Optional<LinkMtuOp> set = Optional.of(kernel).filter(k -> live && k.from() != k.mtu());
        NmProfileOp profile = profile(own.source(), i.link(), Optional.of(before), Optional.of(after), false,
                own.master(), own.master(), (live && own.active() || set.isPresent()) && kernel.risky());
        if (live && own.active()) {
            return plan(i, List.of(new NmMtuOp(profile, kernel)));
        }
        List<Operation> ops = new ArrayList<>(List.of(profile));
        set.ifPresent(ops::add);
        return plan(i, ops);
    }

    /**
     * A bridge profile that takes over the uplink profile's IPv4 and IPv6 settings (its sections copied as they
     * are: DHCP or static, routes, DNS), the uplink's profile turned into a port of it and activated, all under a
     * checkpoint.
     */
    Plan bridgeUplink(LinkIntent.BridgeUplink i, Link nic, String bridge, Optional<String> mac) {
        SavedLink own = scope.profile().filter(p -> p.name().equals(nic.name())).orElseThrow(() -> new ChangeRefused(
                nic.name() + " has no NetworkManager profile of its own: there are no IPv4 settings to take over"));
        ConfigFile uplink = keyfile(own);
        NmKeyfile parsed = NmKeyfile.parse(uplink.path(), uplink.text());
        // no [ipv4] section: NetworkManager's default for the uplink, DHCP, and so for the bridge
        List<String> ip = new ArrayList<>(parsed.section("ipv4").isEmpty() ? List.of("[ipv4]", "method=auto")
                : parsed.section("ipv4"));
        if (!parsed.section("ipv6").isEmpty()) {
            ip.add("");
            ip.addAll(parsed.section("ipv6"));
        }
        ConfigFile bridgeFile = bridgeKeyfile(bridge, BridgeSettings.KERNEL_DEFAULT, mac, ip);
        List<Operation> ops = new ArrayList<>();
        if (scope.scope().live()) {
            ops.add(new CheckpointOp(UUID.randomUUID().toString(), i.confirmWithinSeconds(), true));
        }
        ops.add(profile(bridge, bridge, Optional.empty(), Optional.of(bridgeFile), false, Optional.empty(),
                Optional.empty(), true));
        ops.add(profile(own.source(), nic.name(), Optional.of(uplink),
                Optional.of(uplink.withText(asPort(parsed, bridge).text())), true, Optional.of(bridge),
                Optional.empty(), true));
        String title = i.describe() + " through NetworkManager" + (scope.scope().live() ? " (confirm within "
                + i.confirmWithinSeconds() + " s)" : "");
        return new Plan(i, title + scopeNote(), ops);
    }

    private Plan plan(Intent i, List<Operation> change) {
        List<Operation> ops = new ArrayList<>();
        int seconds = RevertTimer.seconds(i);
        if (scope.scope().live() && change.stream().anyMatch(Operation::risky)) {
            ops.add(new CheckpointOp(UUID.randomUUID().toString(), seconds, true));
        }
        ops.addAll(change);
        String confirm = ops.size() > change.size() ? " (confirm within " + seconds + " s)" : "";
        return new Plan(i, i.describe() + " through NetworkManager" + confirm + scopeNote(), ops);
    }

    private String scopeNote() {
        return scope.scope().live() ? "" : ", saved only (from the next boot)";
    }

    /** @param activate bring the profile up after loading it (only when live) */
    private NmProfileOp profile(String name, String link, Optional<ConfigFile> before, Optional<ConfigFile> after,
                                boolean activate, Optional<String> master, Optional<String> masterBefore,
                                boolean risky) {
        ConfigFile any = after.or(() -> before).orElseThrow();
        String uuid = NmKeyfile.parse(any.path(), any.text()).get("connection", "uuid").orElseThrow(() ->
                new ChangeRefused(any.path() + " has no uuid in [connection]: NetworkManager's profile cannot be "
                        + "named safely; add one (nmcli connection modify ... saves it) and try again"));
        boolean live = scope.scope().live();
        return new NmProfileOp(name, uuid, link, before, after, live, live && activate, master, masterBefore, risky);
    }

    private ConfigFile keyfile(SavedLink profile) {
        return host.networkManagerKeyfile(profile.source()).orElseThrow(() -> new ChangeRefused(
                "NetworkManager profile " + profile.source() + " is not a keyfile under /etc/NetworkManager (or is "
                        + "gone): Virtwire changes keyfiles only; change it with nmcli or nmtui"));
    }

    /** The profile as a bridge port: master and slave-type set, its own IP settings gone (a port has none). */
    private static NmKeyfile asPort(NmKeyfile profile, String bridge) {
        return profile.with("connection", "master", bridge).with("connection", "slave-type", "bridge")
                .without("ipv4").without("ipv6");
    }

    static ConfigFile bridgeKeyfile(String name, BridgeSettings settings, Optional<String> mac,
                                            List<String> ipSections) {
        List<String> lines = new ArrayList<>(List.of("[connection]", "id=" + name, "uuid=" + uuidFor(name),
                "type=bridge", "interface-name=" + name, "autoconnect-slaves=1", "", "[bridge]",
                "stp=" + settings.stp(), "forward-delay=" + settings.forwardDelayOrDefault() / 100));
        mac.ifPresent(m -> lines.add("mac-address=" + m.toUpperCase(java.util.Locale.ROOT)));
        lines.add("");
        if (ipSections.isEmpty()) {
            lines.addAll(List.of("[ipv4]", "method=disabled", "", "[ipv6]", "method=disabled", ""));
        } else {
            lines.addAll(ipSections);
            lines.add("");
        }
        return ConfigFile.privateToRoot(KEYFILES + name + ".nmconnection", String.join("\n", lines));
    }

    /** The same profile id for the same name, so a plan shown twice shows the same file. */
    static String uuidFor(String name) {
        return UUID.nameUUIDFromBytes(("virtwire:nm:" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
