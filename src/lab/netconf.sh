# shellcheck shell=bash
# `lab up --netconf MANAGER`: the lab host's uplink (eth0), br0 and its port (eth1) owned by a network
# configuration manager, configured in the lab's private /etc (bind-mounted in the lab's mount namespace only).
# none (the default) is the lab as before: links made by `ip`. Sourced by lab.
#
# nm: NetworkManager with its own D-Bus system bus, both in the lab's mount namespace (tmp folders of the lab
# bound over /etc/NetworkManager, /var/lib/NetworkManager, /run/NetworkManager, /run/dbus), NetworkManager
# itself in a nested mount namespace with /sys read-only (without udev it manages nothing otherwise). nmcli,
# `lab exec` and `lab ssh` reach it; `ip netns exec` does not (it has the machine's /run/dbus).
# networkd: systemd-networkd outside systemd, the same way: its own D-Bus (for networkctl), files in the lab's
# folder bound over /etc/systemd/network, state over /run/systemd/netif, /sys read-only (with /sys writable it
# waits for udev forever: "link pending udev initialization").
# netplan: its YAML in the lab's /etc/netplan, rendered for networkd (see netconf_netplan).
# netplan-nm: the same YAML with `renderer: NetworkManager`, rendered by `netplan generate` into the lab's
# /run/NetworkManager (as at boot) and built by the lab's NetworkManager, run as for nm (see netconf_netplan_nm).
# ifupdown2: its unpacked package's commands bound over ifupdown's (see ifupdown2.sh).
# ifupdown: `ifup -a` (with bridge-utils' hook for bridge_ports) run in the lab's mount namespace, the lab's
# copy of /etc/network (with its own interfaces file) bound over /etc/network and its state folder over
# /run/network (made, empty, on the machine when missing, and removed again at `lab down`).

NETCONF_STATE="$LAB_DIR/netconf"
NM_DIR="$LAB_DIR/nm"
NETCONF_CHOICES=(none nm networkd ifupdown netplan netplan-nm ifupdown2)
NETPLAN_DIR="$LAB_DIR/netplan"
IFUPDOWN_DIR="$LAB_DIR/ifupdown"
ND_DIR="$LAB_DIR/networkd"
DBUS_DIR="$LAB_DIR/dbus"
NETWORKD=/lib/systemd/systemd-networkd

netconf_current() { cat "$NETCONF_STATE" 2>/dev/null || echo none; }

# Guests' taps on br0: a manager makes br0 anew, libvirt does not plug them again.
guest_taps_on_br0() {
    ip -n "$NS_HOST" -o link show master br0 2>/dev/null | awk -F': ' '{print $2}' | cut -d@ -f1 | grep -v '^eth1$' || true
}

taps_back_on_br0() { # tap...
    local t
    for t in "$@"; do ip -n "$NS_HOST" link set "$t" master br0 2>/dev/null || true; done
}

# The lab host's network as at boot, before its manager runs: no br0, no address or route on eth0, and the
# managers' /run state gone too.
as_at_boot() {
    ip -n "$NS_HOST" link del br0 2>/dev/null || true
    ip -n "$NS_HOST" addr flush dev eth0
    ip -n "$NS_HOST" route flush dev eth0 2>/dev/null || true
    forget_managers_run_state
}

# /run is empty at boot. A NetworkManager that finds its device files there (/run/NetworkManager/devices, left
# when it was stopped: by a switch to another manager, or killed after 5 s) takes itself for restarted and
# assumes the links are as it left them: it reports eth1 "connected" to lab-br0-port without putting it into the
# br0 it makes anew, and guests on br0 are cut off from the LAN. Emptied, not removed: the folders are bound.
forget_managers_run_state() {
    local d
    for d in "$NM_DIR/run" "$ND_DIR/run" "$IFUPDOWN_DIR/run"; do
        [ -d "$d" ] && find "$d" -mindepth 1 -delete
    done
    return 0
}

nm_ready() { # the three links connected through their profiles
    local out
    out=$(in_lab nmcli -t -f DEVICE,STATE,CONNECTION device 2>/dev/null) || return 1
    grep -qx 'eth0:connected:lab-uplink' <<<"$out" && grep -qx 'br0:connected:lab-br0' <<<"$out" \
        && grep -qx 'eth1:connected:lab-br0-port' <<<"$out"
}

nm_keyfiles() {
    local d="$NM_DIR/etc/system-connections"
    mkdir -p "$d" "$NM_DIR/etc/conf.d" "$NM_DIR/lib" "$NM_DIR/run"
    rm -f "$d"/*.nmconnection
    # only the lab's own links (and bridges a test makes, br*): libvirt's bridges and the guests' taps stay libvirt's
    printf '%s\n' '[main]' 'plugins=keyfile' 'no-auto-default=*' '' '[keyfile]' \
        'unmanaged-devices=except:interface-name:eth0;except:interface-name:eth1;except:interface-name:br*' \
        >"$NM_DIR/etc/NetworkManager.conf"
    printf '%s\n' '[connection]' 'id=lab-uplink' 'uuid=5b1c0e52-7a8e-4d5e-9d61-0a0b0c0d0e01' 'type=ethernet' 'interface-name=eth0' '' '[ipv4]' 'method=manual' \
        "address1=$LAN_LABHOST/24,$LAN_GW" '' '[ipv6]' 'method=disabled' >"$d/lab-uplink.nmconnection"
    printf '%s\n' '[connection]' 'id=lab-br0' 'uuid=5b1c0e52-7a8e-4d5e-9d61-0a0b0c0d0e02' 'type=bridge' 'interface-name=br0' '' '[bridge]' 'stp=false' '' \
        '[ipv4]' 'method=disabled' '' '[ipv6]' 'method=disabled' >"$d/lab-br0.nmconnection"
    printf '%s\n' '[connection]' 'id=lab-br0-port' 'uuid=5b1c0e52-7a8e-4d5e-9d61-0a0b0c0d0e03' 'type=ethernet' 'interface-name=eth1' 'master=br0' \
        'slave-type=bridge' >"$d/lab-br0-port.nmconnection"
    chmod 600 "$d"/*.nmconnection
}

# Binds the lab's folder over DIR in the lab's mount namespace (once). DIR may not exist on a machine where the
# manager's package never ran (/run/NetworkManager is made by the service's first start): an empty mount point is
# made for it (on the machine's own /run or /etc: the lab's mount namespace shares their file systems), noted, and
# taken away again at lab down.
bind_in_lab() { # src dir
    in_lab mountpoint -q "$2" && return 0
    if [ ! -e "$2" ]; then # not on the machine (the lab's own binds may have it already)
        in_lab mkdir -p "$2"
        echo "$2" >>"$LAB_DIR/netconf-made-dirs"
    fi
    in_lab mount --bind "$1" "$2"
}

netconf_nm() {
    command -v NetworkManager >/dev/null || [ -x /usr/sbin/NetworkManager ] \
        || die "--netconf nm needs NetworkManager: apt-get install network-manager"
    command -v dbus-daemon >/dev/null || die "--netconf nm needs dbus-daemon: apt-get install dbus-daemon"
    # written when the lab switches to nm; kept by `lab reboot` and a repeated `up --netconf nm`: what a test
    # saved through NetworkManager is what the next boot builds
    if [ "$(netconf_current)" != nm ] || [ ! -f "$NM_DIR/etc/NetworkManager.conf" ]; then nm_keyfiles; fi
    bind_in_lab "$NM_DIR/etc" /etc/NetworkManager
    bind_in_lab "$NM_DIR/lib" /var/lib/NetworkManager
    bind_in_lab "$NM_DIR/run" /run/NetworkManager
    lab_dbus
    # --debug: stays in the foreground and logs to stderr (the lab's log of it), not to a syslog there is none of
    start_manager NetworkManager nm_ready NetworkManager --debug --log-level=INFO
}

nm_ready_describe() { # what NetworkManager says of the lab host's links, for a message
    in_lab nmcli -t -f DEVICE,TYPE,STATE,CONNECTION device 2>&1 | tr '\n' ' ' || true
}

# Starts a manager daemon (unless it runs) on the lab host as at boot, waits until READY says eth0, br0 and
# eth1 are configured, and puts guests' taps back on the br0 it made.
start_manager() { # name ready-function argv...
    local name=$1 ready=$2 taps=()
    shift 2
    mapfile -t taps < <(guest_taps_on_br0)
    if ! daemon_pid "$name" >/dev/null; then
        as_at_boot
        # what runs at boot before the manager (netplan's generator), with /run emptied
        if [ -n "${MANAGER_AT_BOOT:-}" ]; then "$MANAGER_AT_BOOT"; fi
        log "starting $name (own D-Bus system bus) in $NS_HOST"
        start_with_sys_read_only "$name" "$@"
    fi
    # 120 s: NetworkManager started anew after a switch none -> nm once took over 60 s on a quiet machine
    if ! wait_for 120 "$ready"; then
        local seen=""
        if declare -F "${ready}_describe" >/dev/null; then seen=" (it says: $("${ready}_describe"))"; fi
        die "$name did not configure eth0, br0 and eth1 within 120s$seen; see $LAB_DIR/log/$name.log"
    fi
    taps_back_on_br0 "${taps[@]}"
}

# A D-Bus system bus of the lab host's own (nmcli and networkctl talk to the managers over it).
lab_dbus() {
    command -v dbus-daemon >/dev/null || die "--netconf needs dbus-daemon: apt-get install dbus-daemon"
    mkdir -p "$DBUS_DIR"
    bind_in_lab "$DBUS_DIR" /run/dbus
    if ! daemon_pid dbus >/dev/null; then
        rm -f "$DBUS_DIR/pid" "$DBUS_DIR/system_bus_socket"
        in_lab dbus-daemon --system --fork --print-pid >"$LAB_DIR/pids/dbus.pid" 7>&- 8>&-
    fi
}

# Starts a manager in a mount namespace nested in the lab's, with /sys read-only: as in a container, it then
# does not wait for udev (which does not run here).
start_with_sys_read_only() { # name argv...
    local name=$1 pid; shift
    pid=$(daemon_pid libvirtd || daemon_pid virtlogd) || die "the lab is not up (no libvirtd); run: lab up"
    # nsenter, unshare and sh each exec the next: $! is the manager's own pid (a function here would leave a
    # subshell in between, and the pid file would name it)
    nsenter --mount="/proc/$pid/ns/mnt" --net="/run/netns/$NS_HOST" -- unshare --mount --propagation private \
        sh -c 'mount --bind /sys /sys && mount -o remount,bind,ro /sys && exec "$@"' sh "$@" \
        >"$LAB_DIR/log/$name.log" 2>&1 7>&- 8>&- &
    echo $! >"$LAB_DIR/pids/$name.pid"
}

# libvirt's routes and rules are not networkd's to remove
networkd_conf() {
    mkdir -p "$ND_DIR"
    printf '%s\n' '[Network]' 'ManageForeignRoutes=no' 'ManageForeignRoutingPolicyRules=no' >"$ND_DIR/networkd.conf"
}

networkd_files() {
    local d="$ND_DIR/etc"
    mkdir -p "$d"
    rm -f "$d"/*
    printf '%s\n' '[NetDev]' 'Name=br0' 'Kind=bridge' '' '[Bridge]' 'STP=no' >"$d/10-br0.netdev"
    printf '%s\n' '[Match]' 'Name=br0' '' '[Network]' 'LinkLocalAddressing=no' 'ConfigureWithoutCarrier=yes' \
        >"$d/20-br0.network"
    printf '%s\n' '[Match]' 'Name=eth1' '' '[Network]' 'Bridge=br0' 'LinkLocalAddressing=no' >"$d/30-eth1.network"
    printf '%s\n' '[Match]' 'Name=eth0' '' '[Network]' "Address=$LAN_LABHOST/24" "Gateway=$LAN_GW" \
        'LinkLocalAddressing=no' 'IPv6AcceptRA=no' >"$d/40-eth0.network"
}

# eth0's address on eth0, or on the bridge a test bridged eth0 into
networkd_ready() {
    ip -n "$NS_HOST" -o link show eth1 | grep -q 'master br0' \
        && ip -n "$NS_HOST" -o addr show | grep -q "$LAN_LABHOST/24" \
        && ip -n "$NS_HOST" route show default | grep -q "via $LAN_GW"
}

netconf_networkd() {
    # written when the lab switches to networkd; kept by `lab reboot` and a repeated `up --netconf networkd`: what
    # a test saved there (Virtwire's own 60-virtwire-* files, 40-eth0.network bridged) is what the next boot builds
    if [ "$(netconf_current)" != networkd ] || [ ! -f "$ND_DIR/etc/40-eth0.network" ]; then networkd_files; fi
    networkd_conf
    start_networkd "$ND_DIR/etc"
}

# netplan rendering for networkd: `netplan generate --root-dir` writes into the lab's folder only; its output is
# what networkd reads (bound over /etc/systemd/network: the machine has no /run/systemd/network to bind over).
# A plain `netplan generate` on the lab host (Virtwire's, over ssh) writes the same folder: the lab's run/systemd
# and run/udev are bound over /run/systemd and /run/udev (made, empty, on the machine when missing, and removed
# again at `lab down`), never the machine's.
netconf_netplan() {
    command -v netplan >/dev/null || die "--netconf netplan needs netplan: apt-get install netplan.io"
    [ -d /etc/netplan ] || die "/etc/netplan is missing (the lab binds its own over it): apt-get install netplan.io"
    mkdir -p "$NETPLAN_DIR/etc/netplan"
    # written when the lab switches to netplan; kept by `lab reboot` and a repeated `up --netconf netplan`: what a
    # test saved there (Virtwire's own 90-virtwire-* files, 01-lab.yaml with eth0's address moved to a bridge) is
    # what the next boot renders
    if [ "$(netconf_current)" != netplan ] || [ ! -f "$NETPLAN_DIR/etc/netplan/01-lab.yaml" ]; then
        netplan_lab_yaml networkd
    fi
    # emptied, not removed: the folder is bound over /etc/systemd/network, a new one would not be seen there
    [ -d "$NETPLAN_DIR/run" ] && find "$NETPLAN_DIR/run" -type f -delete
    netplan generate --root-dir "$NETPLAN_DIR" || die "netplan generate failed for $NETPLAN_DIR/etc/netplan"
    bind_in_lab "$NETPLAN_DIR/etc/netplan" /etc/netplan
    bind_netplan_run
    networkd_conf
    start_networkd "$NETPLAN_DIR/run/systemd/network"
}

# The lab's netplan YAML (01-lab.yaml, mode 600) for RENDERER; the line of each link as ManagerOwnership expects.
# br0 without IPv4 (passed through to NetworkManager, which would otherwise give it a link-local address).
netplan_lab_yaml() { # renderer
    rm -f "$NETPLAN_DIR"/etc/netplan/*.yaml
    printf '%s\n' 'network:' '  version: 2' "  renderer: $1" '  ethernets:' '    eth0:' \
        "      addresses: [$LAN_LABHOST/24]" '      routes:' '        - to: default' "          via: $LAN_GW" \
        '    eth1: {}' '  bridges:' '    br0:' '      interfaces: [eth1]' '      parameters:' '        stp: false' \
        >"$NETPLAN_DIR/etc/netplan/01-lab.yaml"
    if [ "$1" = NetworkManager ]; then
        printf '%s\n' '      networkmanager:' '        passthrough:' '          ipv4.method: disabled' \
            >>"$NETPLAN_DIR/etc/netplan/01-lab.yaml"
    fi
    chmod 600 "$NETPLAN_DIR/etc/netplan/01-lab.yaml"
}

# netplan's own /run folders on the lab host: /run/systemd and /run/udev (netplan generate writes a udev rule and a
# unit there whatever it renders for) bound to the lab's, made, empty, on the machine when missing.
bind_netplan_run() {
    mkdir -p "$NETPLAN_DIR/run/systemd/network" "$NETPLAN_DIR/run/systemd/netif" "$NETPLAN_DIR/run/udev"
    bind_in_lab "$NETPLAN_DIR/run/systemd" /run/systemd
    if [ ! -d /run/udev ]; then
        mkdir /run/udev
        : >"$LAB_DIR/netconf-made-run-udev"
    fi
    bind_in_lab "$NETPLAN_DIR/run/udev" /run/udev
}

# netplan rendering for NetworkManager, as Ubuntu's desktops: the lab's NetworkManager (as for nm, but with no
# profile of its own in /etc/NetworkManager) reads only what `netplan generate`, run on the lab host as netplan's
# generator runs at boot, wrote into /run/NetworkManager/system-connections (netplan-eth0, netplan-br0,
# netplan-eth1). `lab reboot` empties /run, so the YAML is rendered again before NetworkManager starts.
netconf_netplan_nm() {
    command -v netplan >/dev/null || die "--netconf netplan-nm needs netplan: apt-get install netplan.io"
    [ -d /etc/netplan ] || die "/etc/netplan is missing (the lab binds its own over it): apt-get install netplan.io"
    command -v NetworkManager >/dev/null || [ -x /usr/sbin/NetworkManager ] \
        || die "--netconf netplan-nm needs NetworkManager: apt-get install network-manager"
    mkdir -p "$NETPLAN_DIR/etc/netplan"
    # written when the lab switches to netplan-nm; kept by `lab reboot` and a repeated `up`: what a test saved is
    # what the next boot renders
    if [ "$(netconf_current)" != netplan-nm ] || [ ! -f "$NETPLAN_DIR/etc/netplan/01-lab.yaml" ]; then
        netplan_lab_yaml NetworkManager
        nm_keyfiles
        rm -f "$NM_DIR"/etc/system-connections/*.nmconnection
        find "$NM_DIR/lib" -mindepth 1 -delete
    fi
    [ -d "$NETPLAN_DIR/run" ] && find "$NETPLAN_DIR/run" -type f -delete
    bind_in_lab "$NETPLAN_DIR/etc/netplan" /etc/netplan
    bind_netplan_run
    bind_in_lab "$NM_DIR/etc" /etc/NetworkManager
    bind_in_lab "$NM_DIR/lib" /var/lib/NetworkManager
    bind_in_lab "$NM_DIR/run" /run/NetworkManager
    lab_dbus
    local MANAGER_AT_BOOT=netplan_generate_in_lab
    start_manager NetworkManager netplan_nm_ready NetworkManager --debug --log-level=INFO
}

netplan_generate_in_lab() {
    in_lab netplan generate >>"$LAB_DIR/log/netplan.log" 2>&1 \
        || die "netplan generate failed on the lab host (see $LAB_DIR/log/netplan.log)"
}

# eth0's address on eth0 or on a bridge a test bridged it into, br0 with eth1, as NetworkManager built them
netplan_nm_ready() {
    networkd_ready && in_lab nmcli -t -f DEVICE,CONNECTION device 2>/dev/null | grep -qx 'br0:netplan-br0'
}

netplan_nm_ready_describe() { nm_ready_describe; }

# systemd-networkd with its files from DIR (bound over /etc/systemd/network).
start_networkd() { # dir
    [ -x "$NETWORKD" ] || die "--netconf needs $NETWORKD: apt-get install systemd"
    mkdir -p "$ND_DIR/run"
    chown systemd-network: "$ND_DIR/run" 2>/dev/null || true
    bind_in_lab "$1" /etc/systemd/network
    bind_in_lab "$ND_DIR/run" /run/systemd/netif
    in_lab grep -q ' /etc/systemd/networkd.conf ' /proc/self/mountinfo \
        || in_lab mount --bind "$ND_DIR/networkd.conf" /etc/systemd/networkd.conf
    lab_dbus
    start_manager networkd networkd_ready "$NETWORKD"
}

# The lab's /etc/network: a copy of the machine's (its if-*.d hooks: bridge-utils' for bridge_ports) with the lab's
# interfaces file, bound whole over /etc/network, so that a file in it can be renamed over (as Virtwire writes).
ifupdown_files() {
    mkdir -p "$IFUPDOWN_DIR/run"
    rm -rf "$IFUPDOWN_DIR/etc"
    cp -a /etc/network "$IFUPDOWN_DIR/etc"
    printf '%s\n' 'auto lo' 'iface lo inet loopback' '' 'auto eth0' 'iface eth0 inet static' \
        "    address $LAN_LABHOST/24" "    gateway $LAN_GW" '' 'iface eth1 inet manual' '' 'auto br0' \
        'iface br0 inet manual' '    bridge_ports eth1' '    bridge_stp off' '    bridge_fd 0' \
        >"$IFUPDOWN_DIR/etc/interfaces"
}

netconf_ifupdown() {
    [ -x /sbin/ifup ] || [ -x /usr/sbin/ifup ] || die "--netconf ifupdown needs ifup: apt-get install ifupdown bridge-utils"
    [ -x /etc/network/if-pre-up.d/bridge ] || die "--netconf ifupdown needs bridge-utils (bridge_ports): apt-get install bridge-utils"
    [ -f /etc/network/interfaces ] || die "/etc/network/interfaces is missing (the lab binds its own over it): apt-get install --reinstall ifupdown"
    # written when the lab switches to ifupdown; kept by `lab reboot` and a repeated `up --netconf ifupdown`:
    # what a test saved in /etc/network is what the next boot builds
    if [ "$(netconf_current)" != ifupdown ] || [ ! -f "$IFUPDOWN_DIR/etc/interfaces" ]; then ifupdown_files; fi
    if [ ! -d /run/network ]; then
        mkdir /run/network
        : >"$LAB_DIR/netconf-made-run-network"
    fi
    bind_in_lab "$IFUPDOWN_DIR/run" /run/network
    bind_in_lab "$IFUPDOWN_DIR/etc" /etc/network
    [ -s "$IFUPDOWN_DIR/run/ifstate" ] && grep -q '^br0=' "$IFUPDOWN_DIR/run/ifstate" && return 0
    local taps=()
    mapfile -t taps < <(guest_taps_on_br0)
    as_at_boot
    log "ifup -a in $NS_HOST"
    in_lab ifup -a >"$LAB_DIR/log/ifup.log" 2>&1 || die "ifup -a failed (see $LAB_DIR/log/ifup.log)"
    taps_back_on_br0 "${taps[@]}"
}

# Unbinds what a manager bound in the lab's mount namespace: with none, the lab host has no manager's files.
netconf_unbind() {
    local m
    for m in /etc/NetworkManager /var/lib/NetworkManager /run/NetworkManager /etc/systemd/network \
        /run/systemd/netif /etc/systemd/networkd.conf /etc/network/interfaces /etc/network /run/network /etc/netplan \
        /run/systemd /run/udev /usr/local/sbin /usr/sbin/ifup; do
        while in_lab grep -q " $m " /proc/self/mountinfo; do in_lab umount "$m" || break; done
    done
    rm -f "$IFUPDOWN_DIR/run/ifstate"* "$IFUPDOWN_DIR/run/.lock" 2>/dev/null || true
}

# At lab down: the empty folders the lab made on the machine for the managers' files.
netconf_cleanup() {
    local d
    if [ -f "$LAB_DIR/netconf-made-dirs" ]; then
        while read -r d; do
            [ -d "$d" ] || continue
            rmdir "$d" 2>/dev/null || log "could not remove $d, which the lab made (not empty)"
        done < <(sort -u -r "$LAB_DIR/netconf-made-dirs")
    fi
    if [ -f "$LAB_DIR/netconf-made-run-network" ] && [ -d /run/network ]; then
        rmdir /run/network 2>/dev/null || log "could not remove /run/network (not empty)"
    fi
    if [ -f "$LAB_DIR/netconf-made-run-udev" ] && [ -d /run/udev ]; then
        rmdir /run/udev 2>/dev/null || log "could not remove /run/udev (not empty)"
    fi
}

# Ends the manager's daemon (its files stay bound: a reboot starts it again). The lab host's D-Bus stays: a
# libvirtd that started while it ran is connected to it, and GLib ends a process whose system bus goes away.
netconf_kill() {
    local name
    for name in NetworkManager networkd; do
        kill_pid "$(daemon_pid "$name" || true)"
        rm -f "$LAB_DIR/pids/$name.pid"
    done
}

netconf_stop() {
    netconf_kill
    if daemon_pid libvirtd >/dev/null; then netconf_unbind; fi
}

# Makes MANAGER own the lab host's eth0, br0 and eth1 (nothing changes when it already does).
netconf_apply() { # manager
    local want=$1
    case " ${NETCONF_CHOICES[*]} " in *" $want "*) ;; *) die "--netconf must be one of: ${NETCONF_CHOICES[*]}" ;; esac
    if [ "$want" != "$(netconf_current)" ]; then
        log "the lab host's network: $(netconf_current) -> $want"
        netconf_stop
        if [ "$want" = none ]; then repair_wiring; fi
    fi
    case "$want" in
        nm) netconf_nm ;;
        networkd) netconf_networkd ;;
        ifupdown) netconf_ifupdown ;;
        netplan) netconf_netplan ;;
        netplan-nm) netconf_netplan_nm ;;
        ifupdown2) netconf_ifupdown2 ;;
    esac
    echo "$want" >"$NETCONF_STATE"
}
