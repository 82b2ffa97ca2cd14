# shellcheck shell=bash
# The lab host's own firewall (sourced by src/lab/lab): `lab up --firewall iptables|nftables|firewalld`.
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
# makes its rules again; the lab's libvirtd does not see the bus (see LIBVIRTD in lab), so firewalld_start
# restarts it (libvirtd makes its networks' rules again when it starts), and FirewalldLabTest does after a reload.
# ufw, tried in a scratch network namespace, not yet a lab mode: ufw 0.36.2 (its postinst leaves ENABLED=no
# and starts nothing) with a copy of /etc/ufw bound over /etc/ufw and of /etc/default/ufw over that file, in a
# private mount namespace with a tmpfs /run: `ufw --force enable` sets FORWARD's policy to DROP and appends its
# ufw-* chains (after libvirt's jumps, which libvirt inserts at FORWARD's head: its NAT networks still pass);
# `ufw route allow in on virbr0` / `out on virbr0` write /etc/ufw/user.rules and ufw-user-forward's two
# ACCEPTs, and `ufw reload` keeps them. Everything stayed in that namespace (the machine's policies stayed
# ACCEPT, its ufw.conf ENABLED=no).

FIREWALL_ETC=/etc/netns/$NS_HOST
FIREWALLD_DIR=$LAB_DIR/firewalld
FIREWALL_CHOICES=(iptables nftables firewalld)
FIREWALL_CONF=$FIREWALL_ETC/nftables.conf

firewall_current() {
    if [ -f "$LAB_DIR/firewall" ]; then cat "$LAB_DIR/firewall"; else echo iptables; fi
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
    if [ "$(firewall_current)" = firewalld ] && [ "$1" != firewalld ]; then
        firewalld_stop
        # firewalld's exit flushes the iptables tables too, libvirt's rules with them: libvirtd makes them again
        # when it starts (a real host's libvirtd would hear firewalld go on D-Bus)
        if daemon_pid libvirtd >/dev/null; then cmd_restart_libvirtd; fi
    fi
    case "$1" in
        iptables | firewalld)
            if [ "$(firewall_current)" = nftables ]; then
                in_host_net nft delete table inet filter 2>/dev/null || true
            fi
            mkdir -p "$FIREWALL_ETC"
            echo "# the lab host runs no nftables service (lab up --firewall $1)" >"$FIREWALL_CONF"
            [ "$1" = iptables ] || firewalld_up
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
firewalld_up() {
    command -v firewalld >/dev/null || die "--firewall firewalld needs firewalld: apt-get install firewalld"
    # the package's configuration when the lab switches to firewalld; kept by lab reboot and a repeated up.
    # Emptied and filled, not made anew: the folder stays bound over /etc/firewalld in the lab
    if [ "$(firewall_current)" != firewalld ] || [ ! -f "$FIREWALLD_DIR/etc/firewalld.conf" ]; then
        mkdir -p "$FIREWALLD_DIR/etc"
        find "$FIREWALLD_DIR/etc" -mindepth 1 -delete
        cp -a /etc/firewalld/. "$FIREWALLD_DIR/etc/"
    fi
    firewalld_start
}

# After libvirt's networks are up (lab up): their bridges in firewalld's trusted zone, runtime and permanent.
firewall_networks_up() {
    [ "$(firewall_current)" = firewalld ] || return 0
    local br
    for br in $(guest_bridges); do
        in_lab firewall-cmd -q --permanent --zone=trusted --add-interface="$br" 2>/dev/null || true
        [ "$(in_lab firewall-cmd --get-zone-of-interface="$br" 2>/dev/null)" != trusted ] || continue
        in_lab firewall-cmd -q --zone=trusted --change-interface="$br" \
            || die "firewall-cmd could not put $br in the trusted zone"
    done
}

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
        firewalld) firewalld_start ;;
    esac
    return 0
}

firewall_cleanup() {
    if [ -f "$FIREWALLD_DIR/made-run-dir" ]; then rmdir /run/firewalld 2>/dev/null || true; fi
    rm -rf "$FIREWALLD_DIR"
    rm -f "$FIREWALL_CONF"
    rmdir "$FIREWALL_ETC" 2>/dev/null || true
    rmdir /etc/netns 2>/dev/null || true
    rm -f "$LAB_DIR/firewall"
}
