# shellcheck shell=bash
# `lab up --netconf MANAGER`: the lab host's uplink (eth0), br0 and its port (eth1) owned by a network
# configuration manager, configured in the lab's private /etc (bind-mounted in the lab's mount namespace only).
# none (the default) is the lab as before: links made by `ip`. Sourced by lab.
#
# nm: NetworkManager with its own D-Bus system bus, both in the lab's mount namespace (tmp folders of the lab
# bound over /etc/NetworkManager, /var/lib/NetworkManager, /run/NetworkManager, /run/dbus), NetworkManager
# itself in a nested mount namespace with /sys read-only (without udev it manages nothing otherwise). nmcli,
# `lab exec` and `lab ssh` reach it; `ip netns exec` does not (it has the machine's /run/dbus).

NETCONF_STATE="$LAB_DIR/netconf"
NM_DIR="$LAB_DIR/nm"
NETCONF_CHOICES=(none nm)

netconf_current() { cat "$NETCONF_STATE" 2>/dev/null || echo none; }

nm_ready() { # the three links connected through their profiles
    local out
    out=$(in_lab nmcli -t -f DEVICE,STATE,CONNECTION device 2>/dev/null) || return 1
    grep -qx 'eth0:connected:lab-uplink' <<<"$out" && grep -qx 'br0:connected:lab-br0' <<<"$out" \
        && grep -qx 'eth1:connected:lab-br0-port' <<<"$out"
}

nm_keyfiles() {
    local d="$NM_DIR/etc/system-connections"
    mkdir -p "$d" "$NM_DIR/etc/conf.d" "$NM_DIR/lib" "$NM_DIR/run" "$NM_DIR/dbus"
    # only the lab's own three links: libvirt's bridges and the guests' taps stay libvirt's
    printf '%s\n' '[main]' 'plugins=keyfile' 'no-auto-default=*' '' '[keyfile]' \
        'unmanaged-devices=except:interface-name:eth0;except:interface-name:eth1;except:interface-name:br0' \
        >"$NM_DIR/etc/NetworkManager.conf"
    printf '%s\n' '[connection]' 'id=lab-uplink' 'type=ethernet' 'interface-name=eth0' '' '[ipv4]' 'method=manual' \
        "address1=$LAN_LABHOST/24,$LAN_GW" '' '[ipv6]' 'method=disabled' >"$d/lab-uplink.nmconnection"
    printf '%s\n' '[connection]' 'id=lab-br0' 'type=bridge' 'interface-name=br0' '' '[bridge]' 'stp=false' '' \
        '[ipv4]' 'method=disabled' '' '[ipv6]' 'method=disabled' >"$d/lab-br0.nmconnection"
    printf '%s\n' '[connection]' 'id=lab-br0-port' 'type=ethernet' 'interface-name=eth1' 'master=br0' \
        'slave-type=bridge' >"$d/lab-br0-port.nmconnection"
    chmod 600 "$d"/*.nmconnection
}

# Binds the lab's folder over DIR in the lab's mount namespace (once).
bind_in_lab() { # src dir
    in_lab mountpoint -q "$2" && return 0
    in_lab mount --bind "$1" "$2"
}

netconf_nm() {
    command -v NetworkManager >/dev/null || [ -x /usr/sbin/NetworkManager ] \
        || die "--netconf nm needs NetworkManager: apt-get install network-manager"
    command -v dbus-daemon >/dev/null || die "--netconf nm needs dbus-daemon: apt-get install dbus-daemon"
    nm_keyfiles
    bind_in_lab "$NM_DIR/etc" /etc/NetworkManager
    bind_in_lab "$NM_DIR/lib" /var/lib/NetworkManager
    bind_in_lab "$NM_DIR/run" /run/NetworkManager
    bind_in_lab "$NM_DIR/dbus" /run/dbus
    if ! daemon_pid dbus >/dev/null; then
        rm -f "$NM_DIR/dbus/pid" "$NM_DIR/dbus/system_bus_socket"
        in_lab dbus-daemon --system --fork --print-pid >"$LAB_DIR/pids/dbus.pid" 7>&- 8>&-
    fi
    # taps on br0 (guests bridged there) go back on the bridge NetworkManager makes
    local taps t
    taps=$(ip -n "$NS_HOST" -o link show master br0 2>/dev/null | awk -F': ' '{print $2}' | cut -d@ -f1 | grep -v '^eth1$' || true)
    if ! daemon_pid NetworkManager >/dev/null; then
        # as at boot: the manager makes br0 and addresses eth0 from its profiles
        ip -n "$NS_HOST" link del br0 2>/dev/null || true
        ip -n "$NS_HOST" addr flush dev eth0
        log "starting NetworkManager (own D-Bus system bus) in $NS_HOST"
        in_lab unshare --mount --propagation private sh -c \
            'mount --bind /sys /sys && mount -o remount,bind,ro /sys && exec NetworkManager --no-daemon' \
            >"$LAB_DIR/log/NetworkManager.log" 2>&1 7>&- 8>&- &
        echo $! >"$LAB_DIR/pids/NetworkManager.pid"
    fi
    wait_for 60 nm_ready || die "NetworkManager did not connect eth0, br0 and eth1 within 60s (see $LAB_DIR/log/NetworkManager.log; nmcli: $(in_lab nmcli -t device 2>&1 | tr '\n' ' '))"
    for t in $taps; do ip -n "$NS_HOST" link set "$t" master br0 2>/dev/null || true; done
    ip -n "$NS_HOST" route replace default via "$LAN_GW" 2>/dev/null || true
}

netconf_stop() {
    local name
    for name in NetworkManager dbus; do
        kill_pid "$(daemon_pid "$name" || true)"
        rm -f "$LAB_DIR/pids/$name.pid"
    done
}

# Makes MANAGER own the lab host's eth0, br0 and eth1 (nothing changes when it already does).
netconf_apply() { # manager
    local want=$1
    case " ${NETCONF_CHOICES[*]} " in *" $want "*) ;; *) die "--netconf must be one of: ${NETCONF_CHOICES[*]} (networkd, ifupdown and netplan do not run in the lab yet)" ;; esac
    if [ "$want" != "$(netconf_current)" ]; then
        log "the lab host's network: $(netconf_current) -> $want"
        netconf_stop
        [ "$want" = none ] && repair_wiring
    fi
    [ "$want" = nm ] && netconf_nm
    echo "$want" >"$NETCONF_STATE"
}
