# shellcheck shell=bash
# `lab up --hosts N` (N = 2 to 4): more lab hosts for fleet tests and the fleet benchmark (sourced by src/lab/lab).
# Host K (2..4) is the first one's neighbour: its own network namespace (vwlab-hostK) with eth0 on the same LAN
# (lan0, the router's DHCP and gateway) at $LAN_PREFIX.(K+1), and its own libvirtd, virtlogd and NAT network
# `default` in a private mount namespace over $LAB_DIR/hostK, with one guest (hKg1). Every host is reachable as
# qemu+ssh:// from the LAN host, as `lab ssh` reaches the first; `lab status` then prints LAB_HOSTS="kvm1=URI
# kvm2=URI ...". `lab down` takes them down with the rest (their namespaces are in ALL_NS, their daemons' pid
# files in $LAB_DIR/pids). The second host keeps its own names (NS_HOST2, lv2, ...) for the fleet faults.

HOSTS_MAX=4
host_ns() { echo "vwlab-host$1"; }
host_lan_ip() { echo "$LAN_PREFIX.$(($1 + 1))"; }
host_dir() { echo "$LAB_DIR/host$1"; }
host_uri() { echo "qemu+unix:///system?socket=$(host_dir "$1")/run/libvirt/libvirt-sock"; }
host_guest() { echo "h$1g1"; }
host_guest_mac() { printf '52:54:00:77:%02x:01' "$1"; }
lvk() { local k=$1; shift; virsh -q -c "$(host_uri "$k")" "$@"; }

NS_HOST2=$(host_ns 2)
LAN_HOST2=$(host_lan_ip 2)
HOST2_DIR=$(host_dir 2)
HOST2_URI=$(host_uri 2)
HOST2_GUEST=$(host_guest 2)
HOST2_GUEST_MAC=$(host_guest_mac 2)
ALL_NS=("$(host_ns 4)" "$(host_ns 3)" "$(host_ns 2)" "${ALL_NS[@]}") # up to HOSTS_MAX
FAULTS+=(duplicate-mac-across-hosts host2-tap-down rogue-dhcp)
# fault rogue-dhcp: on each host, an isolated libvirt network with DHCP on a slice of the LAN's subnet (libvirt
# refuses a network whose subnet and mask equal a route's, not a smaller slice) and a cable (veth) onto the LAN
ROGUE_NET=lan-dhcp
ROGUE_BRIDGE=virbr9
ROGUE_PORT=eth9

lv2() { lvk 2 "$@"; }

host_is_up() { daemon_pid "libvirtd-host$1" >/dev/null && ns_exists "$(host_ns "$1")"; }
host2_is_up() { host_is_up 2; }

host_namespace() { # k
    local k=$1 ns
    ns=$(host_ns "$k")
    ns_exists "$ns" && return 0
    log "creating namespace $ns (lab host $k, $(host_lan_ip "$k") on the LAN)"
    ip netns add "$ns"
    ip -n "$ns" link set lo up
    veth eth0 "$ns" "h$k" "$NS_LAN"
    ip -n "$NS_LAN" link set "h$k" master lan0
    ip -n "$NS_LAN" link set "h$k" up
    ip -n "$ns" addr add "$(host_lan_ip "$k")/24" dev eth0
    ip -n "$ns" link set eth0 up
    ip -n "$ns" route add default via "$LAN_GW"
    ip netns exec "$ns" sysctl -qw net.ipv4.ip_forward=1
    # the LAN router sends RA (ipv6.sh): libvirt starts a network with IPv6 only when the uplink keeps its
    # RA routes with forwarding on, as the first host's does
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.eth0.accept_ra=2
}

host_config() { # k
    local d dir
    dir=$(host_dir "$1")
    for d in "${BIND_DIRS[@]}"; do mkdir -p "$dir/$d"; done
    mkdir -p "$dir/guests"
    [ -f "$dir/etc/libvirt/libvirtd.conf" ] && return 0
    # as the first host's (write_libvirt_config), never its domains or networks
    cp -a /etc/libvirt/. "$dir/etc/libvirt/" 2>/dev/null || true
    rm -rf "$dir/etc/libvirt/qemu/networks/autostart"
    install -m 0644 "$LAB_SRC/libvirtd.conf" "$dir/etc/libvirt/libvirtd.conf"
    install -m 0644 "$LAB_SRC/qemu.conf" "$dir/etc/libvirt/qemu.conf"
    install -m 0644 "$LAB_SRC/virtlogd.conf" "$dir/etc/libvirt/virtlogd.conf"
    cp "$LAB_DIR/etc/passwd" "$LAB_DIR/etc/group" "$dir/etc/"
}

# Runs inside `unshare --mount` in host K's namespace (lab _host-daemons K), as internal_daemons does for the first.
hosts_internal_daemons() { # k
    local k=$1 i dir
    dir=$(host_dir "$k")
    mount --make-rprivate /
    for i in "${!BIND_DIRS[@]}"; do
        mkdir -p "${BIND_TARGETS[$i]}" 2>/dev/null || true
        mount --bind "$dir/${BIND_DIRS[$i]}" "${BIND_TARGETS[$i]}"
    done
    mount --bind "$dir/etc/passwd" /etc/passwd
    mount --bind "$dir/etc/group" /etc/group
    virtlogd -d -p "$LAB_DIR/pids/virtlogd-host$k.pid"
    local n=0
    until [ -S /run/libvirt/virtlogd-sock ] || [ "$n" -ge 50 ]; do sleep 0.1; n=$((n + 1)); done
    libvirtd -d -p "$LAB_DIR/pids/libvirtd-host$k.pid"
}

host_daemons() { # k
    local k=$1
    daemon_pid "libvirtd-host$k" >/dev/null && return 0
    log "starting virtlogd + libvirtd in $(host_ns "$k") (private mount namespace)"
    ip netns exec "$(host_ns "$k")" unshare --mount --propagation private -- "$LAB_SELF" _host-daemons "$k" 7>&- 8>&-
    wait_for 30 lvk "$k" version || die "lab host $k's libvirtd does not answer on $(host_uri "$k") (see $(host_dir "$k")/log/libvirt/libvirtd.log)"
}

host_guest_lease_ip() { # k mac
    local f
    for f in "$(host_dir "$1")"/lib/libvirt/dnsmasq/*.status; do
        awk -v mac="$2" '
            /"ip-address"/  { gsub(/[",]/, "", $2); ip = $2 }
            /"mac-address"/ { gsub(/[",]/, "", $2); m = $2 }
            /"expiry-time"/ { gsub(/[",]/, "", $2); if (m == mac) print $2, ip }
        ' "$f"
    done | sort -n | tail -1 | awk '{print $2}'
}
host2_guest_lease_ip() { host_guest_lease_ip 2 "$1"; }

host_guest_answers() { # k
    local ip
    ip=$(host_guest_lease_ip "$1" "$(host_guest_mac "$1")")
    [ -n "$ip" ] && ip netns exec "$(host_ns "$1")" ping -c 1 -W 1 "$ip" >/dev/null 2>&1
}

# Defines and starts host K's network default and guest (the first host's g1, with host K's name, MAC and files).
host_network_and_guest() { # k
    local k=$1 dir guest
    dir=$(host_dir "$k")
    guest=$(host_guest "$k")
    if ! lvk "$k" net-info default >/dev/null 2>&1; then
        net_xml default >"$dir/net-default.xml"
        lvk "$k" net-define "$dir/net-default.xml" >/dev/null
        lvk "$k" net-autostart default >/dev/null
    fi
    [ "$(lvk "$k" net-info default | awk '/^Active:/ {print $2}')" = yes ] || lvk "$k" net-start default >/dev/null
    if ! lvk "$k" dominfo "$guest" >/dev/null 2>&1; then
        domain_xml "$guest" 1 | sed -e "s|$LAB_DIR/guests/|$dir/guests/|g" \
            -e "s|$(guest_mac 1)|$(host_guest_mac "$k")|" -e "s|<name>g1</name>|<name>$guest</name>|" \
            >"$dir/guests/$guest.xml"
        lvk "$k" define "$dir/guests/$guest.xml" >/dev/null
    fi
    if [ "$(lvk "$k" domstate "$guest")" != running ]; then
        log "starting guest $guest on lab host $k's network default"
        [ -p "$dir/guests/$guest.pipe.in" ] || mkfifo "$dir/guests/$guest.pipe.in"
        [ -p "$dir/guests/$guest.pipe.out" ] || mkfifo "$dir/guests/$guest.pipe.out"
        lvk "$k" start "$guest" >/dev/null
    fi
}

host_guest_waits() { # k
    local timeout=${VIRTWIRE_LAB_GUEST_TIMEOUT:-180}
    log "waiting for $(host_guest "$1") to get an address and answer ping (up to ${timeout}s)"
    wait_for "$timeout" host_guest_answers "$1" || die "guest $(host_guest "$1") on lab host $1 did not answer within ${timeout}s"
}

# sshd on host K's LAN address, with the lab's key (ssh.sh makes it), its own known_hosts and wrapper.
host_ssh() { # k
    local k=$1 ip
    ip=$(host_lan_ip "$k")
    ssh_files
    printf '%s\n' "ListenAddress $ip:22" "HostKey $SSH_DIR/host_key" \
        "AuthorizedKeysFile $SSH_DIR/authorized_keys" "PidFile $LAB_DIR/pids/sshd-host$k.pid" \
        "PermitRootLogin prohibit-password" "PasswordAuthentication no" "KbdInteractiveAuthentication no" \
        "UsePAM no" "StrictModes no" >"$SSH_DIR/sshd_config-host$k"
    printf '%s\n' "Host *" "    IdentityFile $SSH_DIR/id" "    IdentitiesOnly yes" \
        "    UserKnownHostsFile $SSH_DIR/known_hosts-host$k" "    StrictHostKeyChecking yes" "    BatchMode yes" \
        >"$SSH_DIR/config-host$k"
    printf '%s %s\n' "$ip" "$(cut -d' ' -f1-2 "$SSH_DIR/host_key.pub")" >"$SSH_DIR/known_hosts-host$k"
    # named ssh, in a folder of its own: Virtwire shares one connection per host only with a client named ssh
    # (SshSharing); as ssh-hostK each of a read's dozens of commands paid a key exchange (about 2.5 s each on a
    # busy CI machine, a fleet diagnosis over a minute)
    mkdir -p "$SSH_DIR/host$k"
    printf '%s\n' "#!/bin/sh" "# ssh as from the lab's LAN host to lab host $k" \
        "exec ip netns exec $NS_LANHOST ssh -F $SSH_DIR/config-host$k \"\$@\"" >"$SSH_DIR/host$k/ssh"
    chmod 755 "$SSH_DIR/host$k/ssh"
    if ! daemon_pid "sshd-host$k" >/dev/null; then
        [ -d /run/sshd ] || mkdir -m 0755 /run/sshd
        log "starting sshd on $ip:22 in $(host_ns "$k")"
        quiet_root_rc nsenter --mount="/proc/$(daemon_pid "libvirtd-host$k")/ns/mnt" --
        nsenter --mount="/proc/$(daemon_pid "libvirtd-host$k")/ns/mnt" --net="/run/netns/$(host_ns "$k")" -- \
            /usr/sbin/sshd -f "$SSH_DIR/sshd_config-host$k" -E "$(host_dir "$k")/log/sshd.log" 7>&- 8>&-
        wait_for 5 daemon_pid "sshd-host$k" || die "sshd did not start on lab host $k (see $(host_dir "$k")/log/sshd.log)"
    fi
}

# lab up --hosts N: N is 1 (the default: nothing here) to HOSTS_MAX. The guests of all hosts boot together.
hosts_up() {
    local n=$1 k
    if ! [[ "$n" =~ ^[0-9]+$ ]] || [ "$n" -lt 1 ] || [ "$n" -gt "$HOSTS_MAX" ]; then
        die "--hosts must be a number from 1 to $HOSTS_MAX, not '$n'"
    fi
    [ "$n" -gt 1 ] || return 0
    [ -x /usr/sbin/sshd ] || die "sshd is missing (the lab's hosts are reached over ssh): apt-get install openssh-server"
    cmd_ssh >/dev/null
    for k in $(seq 2 "$n"); do
        host_namespace "$k"
        host_config "$k"
        host_daemons "$k"
        host_network_and_guest "$k"
    done
    for k in $(seq 2 "$n"); do
        host_guest_waits "$k"
        host_ssh "$k"
    done
}

# The LAB_HOSTS line (when a second host is up) and how to reach each further host from here.
hosts_env() {
    host2_is_up || return 0
    local k list="kvm1=qemu+ssh://root@$LAN_LABHOST/system?command=$SSH_DIR/ssh"
    for k in $(seq 2 "$HOSTS_MAX"); do
        host_is_up "$k" || continue
        list+=" kvm$k=qemu+ssh://root@$(host_lan_ip "$k")/system?command=$SSH_DIR/host$k/ssh"
    done
    echo "LAB_HOSTS=\"$list\""
    for k in $(seq 2 "$HOSTS_MAX"); do
        host_is_up "$k" || continue
        echo "LAB_HOST${k}_URI='$(host_uri "$k")'"
        echo "LAB_HOST${k}_NETNS=$(host_ns "$k")"
        echo "LAB_HOST${k}_GUESTS=\"$(host_guest "$k")\""
    done
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
