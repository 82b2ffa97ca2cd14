# shellcheck shell=bash
# `lab up --hosts 2`: a second lab host for fleet tests (sourced by src/lab/lab). It is the first one's
# neighbour: its own network namespace ($NS_HOST2) with eth0 on the same LAN (lan0, the router's DHCP and
# gateway) at $LAN_HOST2, and its own libvirtd, virtlogd and NAT network `default` in a private mount namespace
# over $HOST2_DIR, with one guest ($HOST2_GUEST). Both hosts are reachable as qemu+ssh:// from the LAN host, as
# `lab ssh` reaches the first; `lab status` then prints LAB_HOSTS="kvm1=URI kvm2=URI". `lab down` takes it down
# with the rest (its namespace is one of ALL_NS, its daemons' pid files are in $LAB_DIR/pids).

NS_HOST2=vwlab-host2
LAN_HOST2=$LAN_PREFIX.3
HOST2_DIR=$LAB_DIR/host2
HOST2_URI="qemu+unix:///system?socket=$HOST2_DIR/run/libvirt/libvirt-sock"
HOST2_GUEST=h2g1
HOST2_GUEST_MAC=52:54:00:77:02:01
ALL_NS=("$NS_HOST2" "${ALL_NS[@]}")
FAULTS+=(duplicate-mac-across-hosts host2-tap-down rogue-dhcp)
# fault rogue-dhcp: on each host, an isolated libvirt network with DHCP on a slice of the LAN's subnet (libvirt
# refuses a network whose subnet and mask equal a route's, not a smaller slice) and a cable (veth) onto the LAN
ROGUE_NET=lan-dhcp
ROGUE_BRIDGE=virbr9
ROGUE_PORT=eth9

lv2() { virsh -q -c "$HOST2_URI" "$@"; }

host2_is_up() { daemon_pid libvirtd-host2 >/dev/null && ns_exists "$NS_HOST2"; }

host2_namespace() {
    ns_exists "$NS_HOST2" && return 0
    log "creating namespace $NS_HOST2 (second lab host, $LAN_HOST2 on the LAN)"
    ip netns add "$NS_HOST2"
    ip -n "$NS_HOST2" link set lo up
    veth eth0 "$NS_HOST2" h2 "$NS_LAN"
    ip -n "$NS_LAN" link set h2 master lan0
    ip -n "$NS_LAN" link set h2 up
    ip -n "$NS_HOST2" addr add "$LAN_HOST2/24" dev eth0
    ip -n "$NS_HOST2" link set eth0 up
    ip -n "$NS_HOST2" route add default via "$LAN_GW"
    ip netns exec "$NS_HOST2" sysctl -qw net.ipv4.ip_forward=1
    # the LAN router sends RA (ipv6.sh): libvirt starts a network with IPv6 only when the uplink keeps its
    # RA routes with forwarding on, as the first host's does
    ip netns exec "$NS_HOST2" sysctl -qw net.ipv6.conf.eth0.accept_ra=2
}

host2_config() {
    local d
    for d in "${BIND_DIRS[@]}"; do mkdir -p "$HOST2_DIR/$d"; done
    mkdir -p "$HOST2_DIR/guests"
    [ -f "$HOST2_DIR/etc/libvirt/libvirtd.conf" ] && return 0
    # as the first host's (write_libvirt_config), never its domains or networks
    cp -a /etc/libvirt/. "$HOST2_DIR/etc/libvirt/" 2>/dev/null || true
    rm -rf "$HOST2_DIR/etc/libvirt/qemu/networks/autostart"
    install -m 0644 "$LAB_SRC/libvirtd.conf" "$HOST2_DIR/etc/libvirt/libvirtd.conf"
    install -m 0644 "$LAB_SRC/qemu.conf" "$HOST2_DIR/etc/libvirt/qemu.conf"
    install -m 0644 "$LAB_SRC/virtlogd.conf" "$HOST2_DIR/etc/libvirt/virtlogd.conf"
    cp "$LAB_DIR/etc/passwd" "$LAB_DIR/etc/group" "$HOST2_DIR/etc/"
}

# Runs inside `unshare --mount` in $NS_HOST2 (lab _host2-daemons), as internal_daemons does for the first host.
hosts_internal_daemons() {
    local i
    mount --make-rprivate /
    for i in "${!BIND_DIRS[@]}"; do
        mkdir -p "${BIND_TARGETS[$i]}" 2>/dev/null || true
        mount --bind "$HOST2_DIR/${BIND_DIRS[$i]}" "${BIND_TARGETS[$i]}"
    done
    mount --bind "$HOST2_DIR/etc/passwd" /etc/passwd
    mount --bind "$HOST2_DIR/etc/group" /etc/group
    virtlogd -d -p "$LAB_DIR/pids/virtlogd-host2.pid"
    local n=0
    until [ -S /run/libvirt/virtlogd-sock ] || [ "$n" -ge 50 ]; do sleep 0.1; n=$((n + 1)); done
    libvirtd -d -p "$LAB_DIR/pids/libvirtd-host2.pid"
}

host2_daemons() {
    daemon_pid libvirtd-host2 >/dev/null && return 0
    log "starting virtlogd + libvirtd in $NS_HOST2 (private mount namespace)"
    ip netns exec "$NS_HOST2" unshare --mount --propagation private -- "$LAB_SELF" _host2-daemons 7>&- 8>&-
    wait_for 30 lv2 version || die "the second host's libvirtd does not answer on $HOST2_URI (see $HOST2_DIR/log/libvirt/libvirtd.log)"
}

host2_guest_lease_ip() {
    local f
    for f in "$HOST2_DIR"/lib/libvirt/dnsmasq/*.status; do
        awk -v mac="$1" '
            /"ip-address"/  { gsub(/[",]/, "", $2); ip = $2 }
            /"mac-address"/ { gsub(/[",]/, "", $2); m = $2 }
            /"expiry-time"/ { gsub(/[",]/, "", $2); if (m == mac) print $2, ip }
        ' "$f"
    done | sort -n | tail -1 | awk '{print $2}'
}

host2_guest_answers() {
    local ip
    ip=$(host2_guest_lease_ip "$HOST2_GUEST_MAC")
    [ -n "$ip" ] && ip netns exec "$NS_HOST2" ping -c 1 -W 1 "$ip" >/dev/null 2>&1
}

host2_network_and_guest() {
    if ! lv2 net-info default >/dev/null 2>&1; then
        net_xml default >"$HOST2_DIR/net-default.xml"
        lv2 net-define "$HOST2_DIR/net-default.xml" >/dev/null
        lv2 net-autostart default >/dev/null
    fi
    [ "$(lv2 net-info default | awk '/^Active:/ {print $2}')" = yes ] || lv2 net-start default >/dev/null
    if ! lv2 dominfo "$HOST2_GUEST" >/dev/null 2>&1; then
        # the first host's guest g1 (on default), with the second host's name, MAC and files
        domain_xml "$HOST2_GUEST" 1 | sed -e "s|$LAB_DIR/guests/|$HOST2_DIR/guests/|g" \
            -e "s|$(guest_mac 1)|$HOST2_GUEST_MAC|" -e "s|<name>g1</name>|<name>$HOST2_GUEST</name>|" \
            >"$HOST2_DIR/guests/$HOST2_GUEST.xml"
        lv2 define "$HOST2_DIR/guests/$HOST2_GUEST.xml" >/dev/null
    fi
    if [ "$(lv2 domstate "$HOST2_GUEST")" != running ]; then
        log "starting guest $HOST2_GUEST on the second host's network default"
        [ -p "$HOST2_DIR/guests/$HOST2_GUEST.pipe.in" ] || mkfifo "$HOST2_DIR/guests/$HOST2_GUEST.pipe.in"
        [ -p "$HOST2_DIR/guests/$HOST2_GUEST.pipe.out" ] || mkfifo "$HOST2_DIR/guests/$HOST2_GUEST.pipe.out"
        lv2 start "$HOST2_GUEST" >/dev/null
    fi
    local timeout=${VIRTWIRE_LAB_GUEST_TIMEOUT:-180}
    log "waiting for $HOST2_GUEST to get an address and answer ping (up to ${timeout}s)"
    wait_for "$timeout" host2_guest_answers || die "guest $HOST2_GUEST on the second host did not answer within ${timeout}s"
}

# sshd on the second host's LAN address, with the lab's key (ssh.sh makes it), its own known_hosts and wrapper.
host2_ssh() {
    ssh_files
    printf '%s\n' "ListenAddress $LAN_HOST2:22" "HostKey $SSH_DIR/host_key" \
        "AuthorizedKeysFile $SSH_DIR/authorized_keys" "PidFile $LAB_DIR/pids/sshd-host2.pid" \
        "PermitRootLogin prohibit-password" "PasswordAuthentication no" "KbdInteractiveAuthentication no" \
        "UsePAM no" "StrictModes no" >"$SSH_DIR/sshd_config-host2"
    printf '%s\n' "Host *" "    IdentityFile $SSH_DIR/id" "    IdentitiesOnly yes" \
        "    UserKnownHostsFile $SSH_DIR/known_hosts-host2" "    StrictHostKeyChecking yes" "    BatchMode yes" \
        >"$SSH_DIR/config-host2"
    printf '%s %s\n' "$LAN_HOST2" "$(cut -d' ' -f1-2 "$SSH_DIR/host_key.pub")" >"$SSH_DIR/known_hosts-host2"
    printf '%s\n' "#!/bin/sh" "# ssh as from the lab's LAN host to the second lab host" \
        "exec ip netns exec $NS_LANHOST ssh -F $SSH_DIR/config-host2 \"\$@\"" >"$SSH_DIR/ssh-host2"
    chmod 755 "$SSH_DIR/ssh-host2"
    if ! daemon_pid sshd-host2 >/dev/null; then
        [ -d /run/sshd ] || mkdir -m 0755 /run/sshd
        log "starting sshd on $LAN_HOST2:22 in $NS_HOST2"
        nsenter --mount="/proc/$(daemon_pid libvirtd-host2)/ns/mnt" --net="/run/netns/$NS_HOST2" -- \
            /usr/sbin/sshd -f "$SSH_DIR/sshd_config-host2" -E "$HOST2_DIR/log/sshd.log" 7>&- 8>&-
        wait_for 5 daemon_pid sshd-host2 || die "sshd did not start on the second host (see $HOST2_DIR/log/sshd.log)"
    fi
}

# lab up --hosts N: N is 1 (the default: nothing here) or 2.
hosts_up() {
    case "$1" in
        1) return 0 ;;
        2) ;;
        *) die "--hosts must be 1 or 2, not '$1'" ;;
    esac
    [ -x /usr/sbin/sshd ] || die "sshd is missing (the lab's hosts are reached over ssh): apt-get install openssh-server"
    cmd_ssh >/dev/null
    host2_namespace
    host2_config
    host2_daemons
    host2_network_and_guest
    host2_ssh
}

# The LAB_HOSTS line (when the second host is up) and how to reach the second host from here.
hosts_env() {
    host2_is_up || return 0
    cat <<EOF
LAB_HOSTS="kvm1=qemu+ssh://root@$LAN_LABHOST/system?command=$SSH_DIR/ssh kvm2=qemu+ssh://root@$LAN_HOST2/system?command=$SSH_DIR/ssh-host2"
LAB_HOST2_URI='$HOST2_URI'
LAB_HOST2_NETNS=$NS_HOST2
LAB_HOST2_GUESTS="$HOST2_GUEST"
EOF
}

hosts_fault_describe() {
    case "$1" in
        duplicate-mac-across-hosts) echo "second host: $HOST2_GUEST gets a second NIC with GUEST's MAC, on its network default [default g1] (lab up --hosts 2)" ;;
        host2-tap-down) echo "second host: $HOST2_GUEST's tap set down (lab up --hosts 2)" ;;
        rogue-dhcp) echo "both hosts: an isolated network $ROGUE_NET with DHCP ($LAN_PREFIX.226-230 on the first, .242-246 on the second) whose bridge $ROGUE_BRIDGE has a port $ROGUE_PORT onto the LAN (lab up --hosts 2)" ;;
        *) return 1 ;;
    esac
}

hosts_fault_apply() { # name guest
    case "$1" in
        duplicate-mac-across-hosts)
            host2_is_up || die "fault $1 needs the second lab host: lab up --hosts 2"
            local mac
            mac=$(guest_mac "${2#g}")
            record lv2 detach-interface "$HOST2_GUEST" network --mac "$mac" --live --config
            lv2 attach-interface "$HOST2_GUEST" network default --mac "$mac" --model virtio --live --config >/dev/null
            ;;
        host2-tap-down)
            host2_is_up || die "fault $1 needs the second lab host: lab up --hosts 2"
            local tap
            tap=$(lv2 domiflist "$HOST2_GUEST" | awk 'NF >= 5 { print $1; exit }')
            if [ -z "$tap" ] || [ "$tap" = - ]; then die "$HOST2_GUEST has no tap device"; fi
            record ip -n "$NS_HOST2" link set "$tap" up
            ip -n "$NS_HOST2" link set "$tap" down
            ;;
        rogue-dhcp)
            host2_is_up || die "fault $1 needs the second lab host: lab up --hosts 2"
            rogue_dhcp_on lv "$NS_HOST" h1r 225 226 230
            rogue_dhcp_on lv2 "$NS_HOST2" h2r 241 242 246
            ;;
        *) die "no such fault: $1" ;;
    esac
}

# One host's part of fault rogue-dhcp: the network on a /28 of the LAN, its bridge given a cable onto lan0.
rogue_dhcp_on() { # virsh-function netns lan-peer address-last first-last last-last
    local virsh=$1 ns=$2 peer=$3 xml="$FAULT_FILE.$3.xml"
    printf '%s\n' "<network><name>$ROGUE_NET</name><bridge name='$ROGUE_BRIDGE' stp='off' delay='0'/>" \
        "<ip address='$LAN_PREFIX.$4' netmask='255.255.255.240'><dhcp><range start='$LAN_PREFIX.$5' end='$LAN_PREFIX.$6'/></dhcp></ip></network>" \
        >"$xml"
    record "$virsh" net-destroy "$ROGUE_NET"
    record "$virsh" net-undefine "$ROGUE_NET"
    record ip -n "$ns" link del "$ROGUE_PORT"
    "$virsh" net-define "$xml" >/dev/null
    "$virsh" net-start "$ROGUE_NET" >/dev/null
    veth "$ROGUE_PORT" "$ns" "$peer" "$NS_LAN"
    ip -n "$NS_LAN" link set "$peer" master lan0
    ip -n "$NS_LAN" link set "$peer" up
    ip -n "$ns" link set "$ROGUE_PORT" master "$ROGUE_BRIDGE"
    ip -n "$ns" link set "$ROGUE_PORT" up
}
