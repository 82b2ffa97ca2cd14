# shellcheck shell=bash
# `lab reboot`: the lab host as after a power cycle. libvirtd and the network manager stop, the guests are
# gone, every link but the "physical" eth0 and eth1 (and lo) is deleted, every address, route and firewall rule
# of the lab host goes, eth0 and eth1 are down; then the manager builds the network from its saved
# configuration (`--netconf`), libvirtd starts its autostart networks and guests, and the LAB_* lines are
# printed once those guests answer. With no manager (none) nothing rebuilds br0 or eth0's address: what only
# ran live is gone, as on a real host (`lab up` builds the lab's own wiring again). Sourced by lab.

PHYSICAL_LINKS=(lo eth0 eth1)

# The lab host's own /etc/sysctl.d, bound in its mount namespace only (lab up): what Virtwire saves there over
# --ssh lands in the lab's folder, never in the machine's /etc.
bind_sysctl_d() {
    mkdir -p "$LAB_DIR/etc/sysctl.d"
    bind_in_lab "$LAB_DIR/etc/sysctl.d" /etc/sysctl.d
}

# What systemd-sysctl does at boot with /etc/sysctl.d/*.conf (and again, through udev, for each link as it
# appears), for the lab's own folder, in the lab host's network namespace: only net.ipv4 and net.ipv6 keys, the
# namespace's own (any other key is the machine's kernel and is left alone, said in the log).
apply_saved_sysctls() {
    local f line key value
    for f in "$LAB_DIR"/etc/sysctl.d/*.conf; do
        [ -f "$f" ] || continue
        while IFS= read -r line || [ -n "$line" ]; do
            case "$line" in '' | '#'* | ';'*) continue ;; esac
            [[ "$line" == *=* ]] || continue
            key=${line%%=*}; key=${key//[[:space:]]/}; key=${key#-}
            value=${line#*=}; value=${value#"${value%%[![:space:]]*}"}; value=${value%"${value##*[![:space:]]}"}
            case "$key" in
                net.ipv4.* | net.ipv6.* | net/ipv4/* | net/ipv6/*) in_host_net sysctl -qw "$key=$value" 2>/dev/null || true ;;
                *) log "not applying $key from ${f##*/}: not the lab's namespace" ;;
            esac
        done <"$f"
    done
    return 0
}

autostart_guests() {
    local g auto
    auto=" $(lv list --all --autostart --name 2>/dev/null | tr '\n' ' ') "
    for g in $(guest_names); do
        [[ $auto != *" $g "* ]] || echo "$g"
    done
    return 0
}

power_off_lab_host() {
    local l
    destroy_guests
    kill_pid "$(daemon_pid libvirtd || true)"
    # /run is empty after a reboot: libvirt's networks' dnsmasq and status go, and libvirtd autostarts
    # networks and guests only when its "autostarted" markers are not there
    local f
    for f in "$LAB_DIR"/run/libvirt/network/*.pid; do
        [ "${f##*/}" = driver.pid ] || kill_pid "$(tr -dc 0-9 <"$f")"
    done
    rm -f "$LAB_DIR"/run/libvirt/*/autostarted "$LAB_DIR"/run/libvirt/network/*.xml "$LAB_DIR"/run/libvirt/network/*.pid
    netconf_kill
    firewalld_stop
    # the system bus last, with nothing left connected to it
    kill_pid "$(daemon_pid dbus || true)"
    rm -f "$LAB_DIR/pids/dbus.pid"
    for l in $(ip -n "$NS_HOST" -o link show | awk -F': ' '{print $2}' | cut -d@ -f1); do
        case " ${PHYSICAL_LINKS[*]} " in *" $l "*) ;; *) ip -n "$NS_HOST" link del "$l" 2>/dev/null || true ;; esac
    done
    for l in eth0 eth1; do
        ip -n "$NS_HOST" addr flush dev "$l"
        ip -n "$NS_HOST" link set "$l" down
        ip -n "$NS_HOST" link set "$l" nomaster 2>/dev/null || true
    done
    ip -n "$NS_HOST" route flush table main
    in_host_net iptables -F; in_host_net iptables -t nat -F; in_host_net iptables -t mangle -F
    in_host_net iptables -X; in_host_net iptables -t nat -X; in_host_net iptables -t mangle -X
    in_host_net nft flush ruleset
    in_host_net sysctl -qw net.ipv4.ip_forward=0
    forget_managers_run_state
}

cmd_reboot() {
    lab_is_up || die "the lab is not up; run: lab up"
    [ "$(uplink_current)" = none ] || die "lab reboot rebuilds only the default uplink (eth0); this lab's is $(uplink_current): run lab up first"
    exec 8>"$LAB_DIR/.lock"
    flock -w 600 8 || die "another lab command holds $LAB_DIR/.lock"
    local t0=$SECONDS netconf guests logd end pending
    netconf=$(netconf_current)
    guests=$(autostart_guests | tr '\n' ' ')
    logd=$(daemon_pid virtlogd) || die "virtlogd is not running"
    log "rebooting the lab host (manager: $netconf; firewall: $(firewall_current); autostart guests: ${guests:-none})"
    power_off_lab_host
    ip -n "$NS_HOST" link set lo up
    apply_saved_sysctls # early at boot, as systemd-sysctl: the keys of links that are there
    local manager_failed=""
    case "$netconf" in
        none) log "no manager: br0 and eth0's address stay gone (lab up builds them again)" ;;
        # in a subshell: libvirtd starts even when the manager fails, as on a real host
        *) (netconf_apply "$netconf") || manager_failed="the network manager ($netconf) did not bring the network up" ;;
    esac
    firewall_boot
    nsenter --mount="/proc/$logd/ns/mnt" --net="/run/netns/$NS_HOST" -- \
        env "DBUS_SYSTEM_BUS_ADDRESS=$(libvirtd_bus)" libvirtd -d -p "$LAB_DIR/pids/libvirtd.pid" 7>&- 8>&-
    wait_for 30 lv version || die "libvirtd does not answer on $LAB_URI after the reboot (see $LAB_DIR/log/libvirt/libvirtd.log)"
    # again for the links the manager and libvirt made (udev runs systemd-sysctl per new link); libvirt's
    # ip_forward=1 has reset every link's forwarding by now
    apply_saved_sysctls
    [ -z "$manager_failed" ] || die "$manager_failed after the reboot (its log is in $LAB_DIR/log)"
    end=$((SECONDS + ${VIRTWIRE_LAB_GUEST_TIMEOUT:-180}))
    # shellcheck disable=SC2206 # guest names are words
    pending=($guests)
    while [ "${#pending[@]}" -gt 0 ]; do
        mapfile -t pending < <(guests_not_answering "${pending[@]}")
        [ "${#pending[@]}" -gt 0 ] || break
        [ "$SECONDS" -lt "$end" ] || die "guest ${pending[0]} did not answer after the reboot; see: $LAB_SELF console ${pending[0]}"
        sleep 0.5
    done
    log "the lab host rebooted ($((SECONDS - t0))s)"
    print_env
}
