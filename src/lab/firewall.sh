# shellcheck shell=bash
# The lab host's own firewall (sourced by src/lab/lab): `lab up --firewall iptables|nftables|firewalld|firewalld-libvirt|ufw`.
#   iptables  (default) only libvirt 9.0's iptables(-nft) rules, as before.
#   nftables  beside them, an nftables service's ruleset as Debian ships it: /etc/nftables.conf with
#             `table inet filter` (input, forward, output; policy accept), loaded at boot before libvirtd.
# The lab host's /etc/nftables.conf is /etc/netns/$NS_HOST/nftables.conf: `ip netns exec` (how Virtwire's
# --netns reads the host) binds the files of /etc/netns/NS over /etc, so only the lab host sees it; the
# machine's own /etc/nftables.conf is never read nor changed (Virtwire saves accepts in that file: in
# iptables mode the lab host has one that declares nothing, so no write can reach the machine's). The
# bind needs /etc/nftables.conf to exist on the machine (Debian's nftables package ships it). `lab reboot` loads it with `nft -f` (its
# `flush ruleset` included) before libvirtd starts, as the nftables service does at boot; `lab up` on a
# running lab loads only its table, so libvirt's rules stay.

#   iptables-persistent  libvirt's iptables rules as in `iptables` mode, saved by iptables-persistent (Debian's
#             netfilter-persistent and its 15-ip4tables plugin) in the lab host's own /etc/iptables/rules.v4
#             ($IPTABLES_ETC: `ip netns exec` binds it over /etc/iptables, and the lab's mount namespace has it bound
#             too, so `--netns`, `lab exec` and `lab ssh` all see it and nothing reads or writes the machine's). The
#             packages are not installed: ufw (`--firewall ufw`) Breaks them, so apt would remove ufw. The lab runs
#             the packages' own scripts from $PERSISTENT_PKG (apt-get download and dpkg -x, as the guests' kernel).
#             Where the machine has no /etc/iptables the lab makes it empty, as the mount point, and removes it at
#             `down`. Seeded with the plugin's `save` once libvirt's networks are up (rules.v4 then holds libvirt's
#             chains and `-A FORWARD -j LIBVIRT_FWI`, as on a real libvirt host); `lab reboot` runs its `start`
#             (iptables-restore of rules.v4) before libvirtd, as netfilter-persistent.service does at boot, and
#             `lab firewall-reload` runs it on a running lab host, as `netfilter-persistent reload` does (the file's
#             tables replace the running ones, libvirt's rules by the file's copy of them). Faults here save what
#             they break in rules.v4 too (heal puts the file back): forward-drop FORWARD's policy DROP,
#             forward-drop-rule its drop as FORWARD's first rule, masquerade-missing takes libvirt's masquerade out
#             of the file's nat section (as saved while it was missing).
#             Switching away removes rules.v4 and keeps the empty folder bound until `down`.
#   firewalld firewalld 1.3 (nftables backend) as on Fedora or RHEL: its own D-Bus system bus (lab_dbus, as the
#             lab's NetworkManager has) and its own /etc/firewalld ($LAB_DIR/firewalld, a copy of the package's,
#             bound over /etc/firewalld in the lab's mount namespace only), started in the lab host's network
#             and mount namespaces (`in_lab`), log in $LAB_DIR/log/firewalld.log. Guest bridges are put in the
#             trusted zone (runtime and --permanent), as libvirt's own zone would let them through; eth0 stays in
#             the default zone (public). firewall-cmd reaches it only from the lab's mount namespace: `lab exec`,
#             `lab ssh` (Virtwire's --connect qemu+ssh), never `ip netns exec` (the machine's /run/dbus).
#             `lab reboot` starts it again (before libvirtd, as systemd does) from its permanent configuration.
#             Checked here: installing firewalld starts nothing (no systemd; its postinst starts the unit only
#             when /run/systemd/system exists, and policy-rc.d refuses service starts); it runs in a network
#             namespace with its own bus, its table (inet firewalld) and reloads stay in that namespace.
# Starting firewalld 1.3 (and firewall-cmd --reload) flushes the lab host's iptables(-nft) tables, libvirt's
# LIBVIRT_* chains and MASQUERADE included. On a real host libvirt hears firewalld start or reload on D-Bus and
# makes its rules again; the lab's libvirtd does not see the bus (see libvirtd_bus in lab), so firewalld_start
# restarts it (libvirtd makes its networks' rules again when it starts), and FirewalldLabTest does after a reload.
#   firewalld-libvirt  Fedora's and RHEL's shape: firewalld as above, with libvirt's zones and policies as libvirt's
#             packages install them (libvirt_zone_files: zones libvirt and libvirt-routed, policies libvirt-to-host,
#             libvirt-routed-in and libvirt-routed-out; Debian's libvirt ships none), written into the lab's own
#             /etc/firewalld (the machine's /usr/lib/firewalld is not the lab's to write), and libvirtd on the lab's
#             bus (libvirtd_bus in lab): libvirt puts its networks' bridges in those zones itself, at run time
#             (the NAT and isolated ones in libvirt, the routed one in libvirt-routed), and still runs iptables
#             itself for its rules (dbus-monitor saw firewalld's direct passthrough asked only for `iptables -V`);
#             it hears firewalld's reload on the bus, puts its bridges back in their zones (a reload drops run-time
#             bindings) and makes its rules again. Only br0, the admin's bridge, is put in the trusted zone by the lab.
#   ufw       ufw 0.36 as on Ubuntu, over iptables(-nft): `ufw --force enable` in the lab host's network namespace,
#             with the lab's own /etc/ufw ($UFW_ETC, a copy of the machine's made when the lab switches to ufw):
#             `ip netns exec` (Virtwire's --netns) binds it over /etc/ufw, and the lab's mount namespace has it
#             bound too (`lab exec`, `lab ssh`), so no ufw command of the lab writes the machine's files. ufw reads
#             the machine's /etc/default/ufw (Debian's: DEFAULT_FORWARD_POLICY="DROP"; nothing the lab or Virtwire
#             runs writes it: only `ufw default` does) and takes its lock /run/ufw.lock on the machine's /run (an
#             empty file; removed at lab down when the lab made it). Enabling sets FORWARD's policy to DROP and
#             appends ufw's chains after libvirt's jumps, which libvirt inserts at FORWARD's head: its NAT
#             networks still pass, and ufw's ufw-before-forward accepts ICMP echo requests forwarded whatever the
#             policy (a guest's ping passes ufw's drop, its TCP does not). Checked here: installing ufw starts
#             nothing (its postinst leaves ENABLED=no; no systemd), `ufw route allow in on virbr0` / `out on
#             virbr0` write the lab's user.rules and user6.rules and ufw-user-forward's two ACCEPTs, `ufw reload`
#             keeps them, and the machine's policies and ufw.conf stay as they were. `lab reboot` runs
#             `/lib/ufw/ufw-init start` before libvirtd, as ufw.service does at boot. Fault `forward-drop` takes
#             libvirt's jumps out of FORWARD (as where libvirt's accepts live in a table of its own, libvirt 10's
#             nftables one, which does not override ufw's drop): ufw's default forward policy then decides.
#             br_netfilter hands br0's bridged frames to FORWARD too (bridge-nf-call-iptables is 1 in a new
#             namespace once the module is loaded): ufw's policy dropped g2's DHCP until the lab added
#             `ufw route allow in on br0 out on br0` (bridged traffic within br0, nothing routed).

FIREWALL_ETC=/etc/netns/$NS_HOST
FIREWALLD_DIR=$LAB_DIR/firewalld
FIREWALLD_POLICY=guests-out
FIREWALL_CHOICES=(iptables iptables-persistent nftables firewalld firewalld-libvirt ufw)
FIREWALL_CONF=$FIREWALL_ETC/nftables.conf
UFW_ETC=$FIREWALL_ETC/ufw
IPTABLES_ETC=$FIREWALL_ETC/iptables
PERSISTENT_PKG=$LAB_CACHE/iptables-persistent
PERSISTENT_PLUGIN=$PERSISTENT_PKG/root/usr/share/netfilter-persistent/plugins.d/15-ip4tables

firewall_current() {
    if [ -f "$LAB_DIR/firewall" ]; then cat "$LAB_DIR/firewall"; else echo iptables; fi
}

# Whether the mode (the current one without an argument) runs firewalld: firewalld or firewalld-libvirt.
firewalld_mode() {
    case "${1:-$(firewall_current)}" in firewalld | firewalld-libvirt) return 0 ;; *) return 1 ;; esac
}

# The zone the lab's guests' bridges are in: libvirt's own with firewalld-libvirt, else trusted.
guests_zone() {
    if [ "$(firewall_current)" = firewalld-libvirt ]; then echo libvirt; else echo trusted; fi
}

firewall_conf_text() {
    cat <<'EOF_CONF'
#!/usr/sbin/nft -f

flush ruleset

table inet filter {
	chain input {
		type filter hook input priority filter;
	}
	chain forward {
		type filter hook forward priority filter;
	}
	chain output {
		type filter hook output priority filter;
	}
}
EOF_CONF
}

firewall_apply() { # mode
    if firewalld_mode && [ "$1" != "$(firewall_current)" ]; then
        # from one firewalld mode to the other too: its configuration is copied anew and read at its start
        firewalld_stop
        rm -f "$LAB_DIR/libvirtd-sees-bus"
        # firewalld's exit flushes the iptables tables too, libvirt's rules with them: libvirtd makes them again
        # when it starts (a real host's libvirtd would hear firewalld go on D-Bus)
        if daemon_pid libvirtd >/dev/null; then cmd_restart_libvirtd; fi
    fi
    if [ "$(firewall_current)" = ufw ] && [ "$1" != ufw ]; then ufw_down; fi
    if [ "$(firewall_current)" = iptables-persistent ] && [ "$1" != iptables-persistent ]; then rm -f "$IPTABLES_ETC/rules.v4"; fi
    case "$1" in
        iptables | iptables-persistent | firewalld | firewalld-libvirt | ufw)
            if [ "$(firewall_current)" = nftables ]; then
                in_host_net nft delete table inet filter 2>/dev/null || true
            fi
            mkdir -p "$FIREWALL_ETC"
            echo "# the lab host runs no nftables service (lab up --firewall $1)" >"$FIREWALL_CONF"
            firewalld_mode "$1" && firewalld_up "$1"
            [ "$1" != ufw ] || ufw_up
            [ "$1" != iptables-persistent ] || persistent_up
            ;;
        nftables)
            mkdir -p "$FIREWALL_ETC"
            firewall_conf_text >"$FIREWALL_CONF"
            # the table alone (no flush): libvirt's rules of a running lab stay
            in_host_net nft delete table inet filter 2>/dev/null || true
            grep -v '^flush ruleset' "$FIREWALL_CONF" | in_host_net nft -f - \
                || die "nft could not load $FIREWALL_CONF in the lab host"
            ;;
        *) die "--firewall needs one of: ${FIREWALL_CHOICES[*]}" ;;
    esac
    echo "$1" >"$LAB_DIR/firewall"
}

# firewalld running with its configuration: the guests' bridges in the trusted zone, runtime and permanent.
firewalld_up() { # mode
    command -v firewalld >/dev/null || die "--firewall $1 needs firewalld: apt-get install firewalld"
    # the package's configuration when the lab switches to firewalld; kept by lab reboot and a repeated up.
    # Emptied and filled, not made anew: the folder stays bound over /etc/firewalld in the lab
    if [ "$(firewall_current)" != "$1" ] || [ ! -f "$FIREWALLD_DIR/etc/firewalld.conf" ]; then
        mkdir -p "$FIREWALLD_DIR/etc"
        find "$FIREWALLD_DIR/etc" -mindepth 1 -delete
        cp -a /etc/firewalld/. "$FIREWALLD_DIR/etc/"
        firewalld_guests_policy_text >"$FIREWALLD_DIR/etc/policies/$FIREWALLD_POLICY.xml"
        [ "$1" != firewalld-libvirt ] || libvirt_zone_files "$FIREWALLD_DIR/etc"
    fi
    # read by libvirtd_bus at libvirtd's next start (firewalld_start restarts it)
    if [ "$1" = firewalld-libvirt ]; then : >"$LAB_DIR/libvirtd-sees-bus"; else rm -f "$LAB_DIR/libvirtd-sees-bus"; fi
    firewalld_start
}

# libvirt's firewalld zones and policies, as libvirt's packages install them into /usr/lib/firewalld (built with
# its firewalld zone option, as Fedora's and RHEL's are): written after libvirt's src/network/libvirt.zone,
# libvirt-routed.zone, libvirt-to-host.policy, libvirt-routed-in.policy and libvirt-routed-out.policy (libvirt
# 9.0's network driver looks for the zones libvirt and libvirt-routed and the policy libvirt-routed-out).
libvirt_zone_files() { # etc-dir
    cat >"$1/zones/libvirt.xml" <<'EOF_ZONE'
<?xml version="1.0" encoding="utf-8"?>
<zone target="ACCEPT">
  <short>libvirt</short>

  <description>
    The default policy of "ACCEPT" allows all packets to/from
    interfaces in the zone to be forwarded, while the (*low priority*)
    reject rule blocks any traffic destined for the host, except those
    services explicitly listed (that list can be modified as required
    by the local admin). This zone is intended to be used only by
    libvirt virtual networks - libvirt will add the bridge devices for
    all new virtual networks to this zone by default.
  </description>

<rule priority='32767'>
  <reject/>
</rule>
<protocol value='icmp'/>
<protocol value='ipv6-icmp'/>
<service name='dhcp'/>
<service name='dhcpv6'/>
<service name='dns'/>
<service name='ssh'/>
<service name='tftp'/>
</zone>
EOF_ZONE
    cat >"$1/zones/libvirt-routed.xml" <<'EOF_ZONE'
<?xml version="1.0" encoding="utf-8"?>
<zone>
  <short>libvirt-routed</short>

  <description>
    This zone is intended to be used only by routed libvirt virtual networks -
    libvirt will add the bridge devices for all new virtual networks to this
    zone by default.
  </description>
</zone>
EOF_ZONE
    cat >"$1/policies/libvirt-to-host.xml" <<'EOF_POLICY'
<?xml version="1.0" encoding="utf-8"?>
<policy target="REJECT">
  <short>libvirt-to-host</short>

  <description>
    This policy is used to filter traffic from virtual machines to the
    host.
  </description>

  <ingress-zone name="libvirt-routed" />
  <egress-zone name="HOST" />

  <protocol value='icmp'/>
  <protocol value='ipv6-icmp'/>
  <service name='dhcp'/>
  <service name='dhcpv6'/>
  <service name='dns'/>
  <service name='ssh'/>
  <service name='tftp'/>
</policy>
EOF_POLICY
    cat >"$1/policies/libvirt-routed-out.xml" <<'EOF_POLICY'
<?xml version="1.0" encoding="utf-8"?>
<policy target="ACCEPT">
  <short>libvirt-routed-out</short>

  <description>
    This policy is used to allow routed virtual machine traffic to the rest of
    the network.
  </description>

  <ingress-zone name="libvirt-routed" />
  <egress-zone name="ANY" />
</policy>
EOF_POLICY
    cat >"$1/policies/libvirt-routed-in.xml" <<'EOF_POLICY'
<?xml version="1.0" encoding="utf-8"?>
<policy target="ACCEPT">
  <short>libvirt-routed-in</short>

  <description>
    This policy is used to allow routed traffic to the virtual machines.
  </description>

  <ingress-zone name="ANY" />
  <egress-zone name="libvirt-routed" />
</policy>
EOF_POLICY
}

# A policy of the lab's own, in its permanent configuration from the switch to firewalld on: the guests' way out
# rejected (target REJECT, egress ANY, priority -100, as the golden files host/firewalld-policy were captured
# with), but with no ingress zone it is inactive and makes no rule. Fault firewalld-policy-reject gives it the
# trusted zone (the guests' bridges) as its ingress zone, at run time and permanently: that needs no
# firewall-cmd --reload (a new policy would, and a reload flushes libvirt's iptables rules: a libvirtd restart).
firewalld_guests_policy_text() {
    cat <<'EOF_POLICY'
<?xml version="1.0" encoding="utf-8"?>
<policy priority="-100" target="REJECT">
  <short>Guests out</short>
  <description>The lab's: what the trusted zone's bridges forward is rejected (fault firewalld-policy-reject).</description>
  <egress-zone name="ANY"/>
</policy>
EOF_POLICY
}

# After libvirt's networks are up (lab up): their bridges in firewalld's trusted zone, runtime and permanent.
firewall_networks_up() {
    if [ "$(firewall_current)" = iptables-persistent ] && [ ! -f "$IPTABLES_ETC/rules.v4" ]; then persistent_save; fi
    firewalld_mode || return 0
    local br
    if [ "$(firewall_current)" = firewalld-libvirt ]; then
        # libvirt put its bridges in its zones itself (at its start, or on firewalld's signal); only br0 is the admin's
        wait_for 30 virbr0_in_libvirts_zone || true
        br=$(in_lab firewall-cmd --get-zone-of-interface=virbr0 2>/dev/null || true)
        [ "$br" = libvirt ] || die "libvirt did not put virbr0 in firewalld's libvirt zone (it is in '${br:-none}'; see $LAB_DIR/log/libvirt/libvirtd.log)"
    fi
    for br in $(guest_bridges); do
        [ "$(firewall_current)" != firewalld-libvirt ] || [ "$br" = br0 ] || continue
        in_lab firewall-cmd -q --permanent --zone=trusted --add-interface="$br" 2>/dev/null || true
        [ "$(in_lab firewall-cmd --get-zone-of-interface="$br" 2>/dev/null)" != trusted ] || continue
        in_lab firewall-cmd -q --zone=trusted --change-interface="$br" \
            || die "firewall-cmd could not put $br in the trusted zone"
    done
}

virbr0_in_libvirts_zone() { [ "$(in_lab firewall-cmd --get-zone-of-interface=virbr0 2>/dev/null)" = libvirt ]; }

# Every bridge the lab's guests use (the trusted zone's members): libvirt's networks' and br0, whose bridged
# traffic passes firewalld's forward chain too where br_netfilter hands it to netfilter.
guest_bridges() {
    local n
    for n in $(lv net-list --name 2>/dev/null); do
        lv net-info "$n" 2>/dev/null | awk '/^Bridge:/ {print $2}'
    done
    ip -n "$NS_HOST" link show br0 >/dev/null 2>&1 && echo br0
    return 0
}

firewalld_start() {
    lab_dbus
    bind_in_lab "$FIREWALLD_DIR/etc" /etc/firewalld
    # its temporary folder too (made empty on the machine when missing, removed again at lab down)
    mkdir -p "$FIREWALLD_DIR/run"
    [ -d /run/firewalld ] || { mkdir /run/firewalld && touch "$FIREWALLD_DIR/made-run-dir"; }
    bind_in_lab "$FIREWALLD_DIR/run" /run/firewalld
    local started=
    if ! daemon_pid firewalld >/dev/null; then
        mkdir -p "$LAB_DIR/log"
        log "starting firewalld (own D-Bus system bus, own /etc/firewalld) in $NS_HOST"
        local ns
        ns=$(daemon_pid libvirtd || daemon_pid virtlogd) || die "the lab is not up (no libvirtd); run: lab up"
        # nsenter execs firewalld: its pid is firewalld's (in_lab, a function, would leave a shell between)
        nsenter --mount="/proc/$ns/ns/mnt" --net="/run/netns/$NS_HOST" -- \
            firewalld --nofork --nopid --log-target console </dev/null >>"$LAB_DIR/log/firewalld.log" 2>&1 7>&- 8>&- &
        echo $! >"$LAB_DIR/pids/firewalld.pid"
        started=1
    fi
    wait_for 60 firewalld_running || die "firewalld did not start within 60s (see $LAB_DIR/log/firewalld.log)"
    # firewalld's start flushes the iptables tables, libvirt's rules included; a real host's libvirtd hears the
    # start on D-Bus and makes them again, the lab's does not see the bus: restart it, which does the same
    if [ -n "${started:-}" ] && daemon_pid libvirtd >/dev/null; then cmd_restart_libvirtd; fi
}

firewalld_running() { [ "$(in_lab firewall-cmd --state 2>/dev/null)" = running ]; }

# Ends firewalld (its CleanupOnExit takes its table away).
firewalld_stop() {
    kill_pid "$(daemon_pid firewalld || true)"
    rm -f "$LAB_DIR/pids/firewalld.pid"
    # should it have ended before cleaning up
    in_host_net nft delete table inet firewalld 2>/dev/null || true
}

# At boot (lab reboot), before libvirtd: the nftables service loads its file.
firewall_boot() {
    case "$(firewall_current)" in
        nftables) in_host_net nft -f /etc/nftables.conf || die "nft -f /etc/nftables.conf failed in the lab host at boot" ;;
        firewalld | firewalld-libvirt) firewalld_start ;;
        ufw) in_host_net /lib/ufw/ufw-init start quiet || die "ufw-init start failed in the lab host at boot" ;;
        iptables-persistent) in_lab "$PERSISTENT_PLUGIN" start >/dev/null || die "netfilter-persistent's 15-ip4tables start failed in the lab host at boot" ;;
    esac
    return 0
}

# `lab firewall-reload`: the lab host's firewall manager loads its saved rules again, as its reload does. For
# iptables-persistent, `netfilter-persistent reload` runs its plugins' start, as at boot: 15-ip4tables'
# iptables-restore of rules.v4, which flushes the tables the file holds (libvirt's running rules with them) and
# loads the file's rules, its copy of libvirt's included. The other modes' reloads run through `lab exec`.
cmd_firewall_reload() {
    lab_is_up || die "the lab is not up; run: lab up"
    case "$(firewall_current)" in
        iptables-persistent) in_lab "$PERSISTENT_PLUGIN" start >/dev/null || die "netfilter-persistent's 15-ip4tables start failed in the lab host" ;;
        *) die "firewall-reload is for --firewall iptables-persistent; this lab's firewall is $(firewall_current) (ufw: lab exec ufw reload; firewalld: lab exec firewall-cmd --reload; nftables: lab exec nft -f /etc/nftables.conf)" ;;
    esac
    log "iptables-persistent's rules.v4 loaded again in the lab host (netfilter-persistent reload)"
}

# ufw enabled in the lab host with the lab's own /etc/ufw (see the head of this file).
ufw_up() {
    command -v ufw >/dev/null || die "--firewall ufw needs ufw: apt-get install ufw"
    grep -qx 'DEFAULT_FORWARD_POLICY="DROP"' /etc/default/ufw 2>/dev/null \
        || die "--firewall ufw expects ufw's default forward policy DROP in /etc/default/ufw (as Debian ships it)"
    # the machine's files when the lab switches to ufw; kept by lab reboot and a repeated up. Emptied and
    # filled, not made anew: the folder stays bound over /etc/ufw in the lab's mount namespace
    if [ "$(firewall_current)" != ufw ] || [ ! -f "$UFW_ETC/ufw.conf" ]; then
        mkdir -p "$UFW_ETC"
        find "$UFW_ETC" -mindepth 1 -delete
        cp -a /etc/ufw/. "$UFW_ETC/"
    fi
    bind_in_lab "$UFW_ETC" /etc/ufw
    [ -e /run/ufw.lock ] || [ -f "$LAB_DIR/made-ufw-lock" ] || touch "$LAB_DIR/made-ufw-lock"
    # ufw's chains are there while it runs (a lab reboot or a flush takes them away)
    if ! in_host_net iptables -S ufw-user-forward >/dev/null 2>&1; then
        log "enabling ufw in $NS_HOST (own /etc/ufw)"
        in_host_net ufw --force enable >/dev/null || die "ufw --force enable failed in the lab host"
    fi
    # br_netfilter hands br0's bridged frames to FORWARD (bridge-nf-call-iptables is 1 in a new namespace once
    # the module is loaded), where ufw's policy would drop g2's DHCP: let br0's own traffic through, as its
    # admin would (ufw skips a rule it has already; in user.rules, so a reboot keeps it)
    in_host_net ufw route allow in on br0 out on br0 >/dev/null || die "ufw route allow in on br0 out on br0 failed"
    # the lab host is reached over ssh from the LAN (lab ssh, Virtwire's --connect qemu+ssh), as an admin reaches a
    # KVM host: ufw's default incoming policy (deny) drops that until ssh is allowed in, as such an admin does first
    in_host_net ufw allow 22/tcp >/dev/null || die "ufw allow 22/tcp failed"
}

# ufw disabled (its chains go, the policies are ACCEPT again) and the lab's /etc/ufw unbound.
# The lab's /etc/ufw stays, bound, until lab down: `ip netns exec` binds it over /etc/ufw only while it exists,
# and a ufw command run after the switch (through --netns, lab exec or ssh) must still never write the machine's
# files (one did, in a rehearsal: the machine's user.rules got the lab's route rules, and the next
# `up --firewall ufw` copied them in).
ufw_down() {
    in_host_net ufw --force disable >/dev/null 2>&1 || log "ufw disable failed in the lab host"
}

firewall_cleanup() {
    if [ -f "$FIREWALLD_DIR/made-run-dir" ]; then rmdir /run/firewalld 2>/dev/null || true; fi
    rm -rf "$FIREWALLD_DIR" "$UFW_ETC" "$IPTABLES_ETC"
    if [ -f "$LAB_DIR/made-ufw-lock" ]; then rm -f /run/ufw.lock; fi
    rm -f "$FIREWALL_CONF"
    rmdir "$FIREWALL_ETC" 2>/dev/null || true
    rmdir /etc/netns 2>/dev/null || true
    rm -f "$LAB_DIR/firewall" "$LAB_DIR/libvirtd-sees-bus"
}

# iptables-persistent's files (see the head of this file): the packages' own, unpacked in the lab's cache.
persistent_package() {
    [ -x "$PERSISTENT_PLUGIN" ] && return 0
    local work p debs
    work=$(mktemp -d)
    for p in netfilter-persistent iptables-persistent; do
        log "downloading $p (its scripts run in the lab host only; cached in $PERSISTENT_PKG)"
        (cd "$work" && apt-get download -q "$p" >&2) || { rm -rf "$work"; die "apt-get download $p failed (run apt-get update?)"; }
    done
    mkdir -p "$PERSISTENT_PKG"
    for debs in "$work"/*.deb; do dpkg -x "$debs" "$PERSISTENT_PKG/root"; done
    mv "$work"/*.deb "$PERSISTENT_PKG/"
    rm -rf "$work"
    [ -x "$PERSISTENT_PLUGIN" ] || die "iptables-persistent has no $PERSISTENT_PLUGIN"
}

# The lab host's own /etc/iptables, bound over the machine's (made empty as the mount point where it is missing).
persistent_up() {
    persistent_package
    mkdir -p "$IPTABLES_ETC"
    chmod 755 "$IPTABLES_ETC"
    bind_in_lab "$IPTABLES_ETC" /etc/iptables
}

# What `netfilter-persistent save` does (its IPv4 plugin), in the lab host: iptables-save into rules.v4 (0640).
persistent_save() {
    in_lab "$PERSISTENT_PLUGIN" save || die "netfilter-persistent's 15-ip4tables save failed in the lab host"
    in_lab grep -qx -- '-A FORWARD -j LIBVIRT_FWI' /etc/iptables/rules.v4 \
        || die "the lab host's rules.v4 does not hold libvirt's -A FORWARD -j LIBVIRT_FWI"
}
