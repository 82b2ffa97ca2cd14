package dev.virtwire.diagnose;

import dev.virtwire.host.SuggestedCommands;
import dev.virtwire.model.FirewallState;
import dev.virtwire.model.GuestNic;
import dev.virtwire.model.HostSnapshot;
import dev.virtwire.model.Id;
import dev.virtwire.model.Ipv4;
import dev.virtwire.model.Link;
import dev.virtwire.model.Route;
import dev.virtwire.model.RunningGuestIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The question a diagnosis answers, with what the rules need to answer it: the snapshot, the guest NIC's
 * expected path, where the traffic goes and the probes. Rules also note here what they could not check.
 */
public final class Situation {

    /** Where the traffic goes, seen from the guest's wire. */
    public enum Reach {
        /** the host itself */
        HOST,
        /** a neighbour on the same bridge or segment: no routing involved */
        SAME_SEGMENT,
        /** another guest behind the host's routing (a different libvirt network) */
        OTHER_SEGMENT,
        /** the LAN or beyond */
        OUTSIDE
    }

    private final HostSnapshot snapshot;
    private final GuestPath path;
    private final Destination destination;
    private final Probes probes;
    private final Reach reach;
    private final Optional<String> targetAddress;
    private final Optional<GuestPath> otherPath;
    private final List<Route> rememberedDefaults;
    private final SuggestedCommands suggested;
    private final List<String> unchecked = new ArrayList<>();
    private boolean doubt;
    private Optional<Capture> capture;
    private boolean captureStarted;
    private Optional<FirewallState> firewallAfter;
    private List<RunningGuestIndex.SeenAddress> runningGuestAddresses;

    Situation(HostSnapshot snapshot, GuestPath path, Destination destination, Probes probes, Reach reach,
              Optional<String> targetAddress, Optional<GuestPath> otherPath, List<Route> rememberedDefaults,
              SuggestedCommands suggested) {
        this.snapshot = snapshot;
        this.path = path;
        this.destination = destination;
        this.probes = probes;
        this.reach = reach;
        this.targetAddress = targetAddress;
        this.otherPath = otherPath;
        this.rememberedDefaults = rememberedDefaults;
        this.suggested = suggested;
    }

    /** How a step that suggests a {@code virtwire} command spells it for this host. */
    public SuggestedCommands suggested() {
        return suggested;
    }

    /** The default routes Virtwire saw on this host before, if it kept any. */
    public List<Route> rememberedDefaults() {
        return rememberedDefaults;
    }

    public HostSnapshot snapshot() {
        return snapshot;
    }

    public GuestPath path() {
        return path;
    }

    public GuestNic nic() {
        return path.nic();
    }

    public String guestName() {
        return path.guest().name();
    }

    public Destination destination() {
        return destination;
    }

    public Probes probes() {
        return probes;
    }

    public Reach reach() {
        return reach;
    }

    public boolean goesOutside() {
        return reach == Reach.OUTSIDE;
    }

    /** Whether the traffic is routed by the host (to the outside or to another libvirt network). */
    public boolean routedByHost() {
        return path.throughHostStack() && (reach == Reach.OUTSIDE || reach == Reach.OTHER_SEGMENT);
    }

    /** The address the traffic is for, when known (the LAN gateway, a guest's address, ...). */
    public Optional<String> targetAddress() {
        return targetAddress;
    }

    /** The other guest's path when the destination is a guest. */
    public Optional<GuestPath> otherPath() {
        return otherPath;
    }

    /**
     * The addresses running guests use as the host itself shows them (the ARP cache by the MACs of the taps and
     * macvtaps that carry their NICs: {@link RunningGuestIndex}), whether the snapshot read those guests or not.
     * Rules that compare with every guest look here too, so that a read of one guest answers as a read of all.
     */
    public List<RunningGuestIndex.SeenAddress> runningGuestAddresses() {
        if (runningGuestAddresses == null) {
            runningGuestAddresses = RunningGuestIndex.of(snapshot).runningGuestAddresses();
        }
        return runningGuestAddresses;
    }

    /** The guest NIC's addresses as plain IPs. */
    public List<Ipv4> guestAddresses() {
        return nic().addresses().stream().flatMap(a -> Ipv4.tryParse(a.ip()).stream()).toList();
    }

    public Id.Guest guestNode() {
        return new Id.Guest(guestName());
    }

    public Id.Nic nicNode() {
        return new Id.Nic(guestName(), nic().mac());
    }

    public Optional<Link> link(String name) {
        return snapshot.link(name);
    }

    public Optional<String> lanGateway() {
        return snapshot.routes().stream().filter(Route::isDefault).flatMap(r -> r.gateway().stream()).findFirst();
    }

    /**
     * Lets the capture run while the rules' other probes do (the capture takes seconds whatever it sees): for the
     * {@link Rule#probeAhead} of a rule that reads it.
     */
    public void startCapture() {
        if (!captureStarted && path.guest().isRunning() && path.tap().flatMap(snapshot::link).isPresent()) {
            captureStarted = true;
            probes.ahead(p -> p.capture(path.tap().get(), nic().mac()));
        }
    }

    /**
     * A few seconds of what the guest sends on its tap, captured once per diagnosis and shared by the
     * rules; empty without probes, without a running guest's tap, or when the capture could not run (then said
     * in what was not checked).
     */
    public Optional<Capture> capture() {
        if (capture == null) {
            Optional<ProbeRun> run = path.guest().isRunning() && path.tap().flatMap(snapshot::link).isPresent()
                    ? probes.capture(path.tap().get(), nic().mac()) : Optional.empty();
            run.filter(r -> !r.ran()).ifPresent(r -> couldNotCheck("what " + guestName() + " sends on "
                    + path.tap().get() + " (a capture): " + r.why()));
            capture = run.filter(ProbeRun::ran).map(Capture::parse);
        }
        return capture;
    }

    /**
     * The packet filter read again after this diagnosis' capture (the guest's traffic during the probes), once
     * per diagnosis; empty without probes.
     */
    public Optional<FirewallState> firewallAfterProbes() {
        if (firewallAfter == null) {
            capture();
            firewallAfter = probes.firewallNow();
        }
        return firewallAfter;
    }

    /** A fact a rule needed but neither the snapshot nor a probe gave; shown with the diagnosis. */
    public void couldNotCheck(String what) {
        unchecked.add(what);
    }

    /** As {@link #couldNotCheck}, for a fact that could block the traffic: reachability becomes unknown. */
    public void couldNotCheckBlocking(String what) {
        unchecked.add(what);
        doubt = true;
    }

    List<String> unchecked() {
        return List.copyOf(unchecked);
    }

    boolean inDoubt() {
        return doubt;
    }
}
