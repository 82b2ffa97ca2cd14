# shellcheck shell=bash
# Fault injectors of the Virtwire lab (sourced by src/lab/lab).
# Each fault writes, before it breaks anything, the exact commands that undo it to
# $LAB_DIR/faults/NN-NAME (one quoted argv per line); `lab heal` runs those files
# newest first (each file's lines in order). Heal with no fault active does nothing.

FAULT_FILE=""
FAULT_GUEST_DEFAULT=g1
declare -A FAULT_GUEST_OF=([guest-macvtap]=g3)
IMP_ADDR_LAST=250

fault_describe() {
    case "$1" in
        ip-forward-off) echo "lab host: net.ipv4.ip_forward=0 (NAT/routed guests lose the outside)" ;;
        masquerade-missing) echo "lab host: libvirt's MASQUERADE rules for $DEFAULT_NET removed (--firewall iptables-persistent: from rules.v4 too, as saved while they were missing)" ;;
        forward-drop) echo "lab host: FORWARD policy DROP + DOCKER-USER chain (DROP) jumped before libvirt's rules; with --firewall nftables: inet filter's forward chain policy drop; with --firewall firewalld: virbr0 out of the trusted zone (runtime and permanent), so the default zone rejects its traffic (firewalld-libvirt: out of libvirt's zone, at run time, where libvirt put it); with --firewall ufw: libvirt's jumps taken out of FORWARD, so ufw's default forward policy DROP decides; with --firewall iptables-persistent: libvirt's jumps out of FORWARD and its policy DROP, the policy saved in rules.v4 too" ;;
        firewalld-policy-reject) echo "lab host (--firewall firewalld or firewalld-libvirt): the lab's policy $FIREWALLD_POLICY (target REJECT, egress ANY, priority -100; inactive without an ingress zone) gets the guests' bridges' zone (trusted; libvirt with firewalld-libvirt) as its ingress zone (run time and permanent): it rejects what they forward" ;;
        forward-drop-rule) echo "lab host: a rule dropping what comes in by virbr0 (iptables: FORWARD; --firewall nftables: inet filter forward; --firewall ufw: ufw's own route deny in on virbr0 out on eth0, with libvirt's jumps out of FORWARD as forward-drop takes them; --firewall iptables-persistent: FORWARD, saved in rules.v4 too as FORWARD's first rule)" ;;
        docker-drop) echo "lab host (--firewall iptables or nftables): Docker's iptables-nft shape as nft lists it in table ip filter (FORWARD policy DROP, DOCKER-USER and DOCKER-FORWARD jumped from its head), with libvirt's jumps out of FORWARD as where libvirt keeps its accepts in a table of its own (libvirt 10's nftables one)" ;;
        br-netfilter-drop) echo "lab host: bridge-nf-call-iptables=1 + FORWARD policy DROP: bridged (br0) traffic dropped" ;;
        tap-detached) echo "the guest's tap removed from its bridge [GUEST, default g1]" ;;
        bridge-down) echo "lab host: virbr0 (network default) set down" ;;
        uplink-down) echo "lab host: $(uplink_link) (address + default route) set down" ;;
        bridge-no-uplink) echo "lab host: eth1 removed from br0 (bridged guests lose the LAN)" ;;
        guest-link-down) echo "virsh domif-setlink GUEST down [default g1]" ;;
        network-inactive) echo "virsh net-destroy default" ;;
        dhcp-server-stopped) echo "libvirt's dnsmasq for network default killed" ;;
        guest-wrong-subnet) echo "inside GUEST: static 10.99.99.5/24, DHCP client stopped [default g1]" ;;
        duplicate-ip) echo "an impostor with GUEST's IP on GUEST's bridge [default g1]" ;;
        duplicate-mac) echo "an impostor with GUEST's MAC on GUEST's bridge, sending all the time [default g1]" ;;
        mtu-mismatch) echo "GUEST's tap MTU 1400 while guest and bridge keep 1500 [default g1]" ;;
        routed-no-return-route) echo "LAN router: route to $ROUTED_NET (network routed) removed" ;;
        uplink-port-down) echo "lab host: eth1 (br0's port to the LAN) set down" ;;
        lan-peer-down) echo "LAN: h1, the LAN's end of eth1 (br0's port), set down" ;;
        guest-macvtap) echo "GUEST's NIC unplugged and plugged in as macvtap (bridge mode) on $(uplink_link) [default g3]" ;;
        bond-slave-down) echo "lab host: eth0, one of bond0's two slaves, set down (lab up --uplink bond or bond-vlan)" ;;
        bond-slaves-down) echo "lab host: eth0 and eth2, both slaves of bond0, set down (--uplink bond or bond-vlan)" ;;
        vlan-parent-down) echo "lab host: the VLAN link's parent (eth0 or bond0) set down, the VLAN and its route with it (--uplink vlan or bond-vlan)" ;;
        *) ipv6_fault_describe "$1" || hosts_fault_describe "$1" ;;
    esac
}

# Appends one undo command (an argv) to the active fault's file.
record() {
    printf '%q ' "$@" >>"$FAULT_FILE"
    printf '\n' >>"$FAULT_FILE"
}

guest_tap() { # guest -> its (first) tap device
    local tap
    tap=$(lv domiflist "$1" | awk 'NF >= 5 { print $1; exit }')
    if [ -z "$tap" ] || [ "$tap" = - ]; then die "guest $1 has no tap device"; fi
    echo "$tap"
}

link_master() { # device in the lab host -> its bridge, or nothing
    ip -n "$NS_HOST" -o link show dev "$1" | grep -o 'master [^ ]*' | awk '{print $2}' || true
}

link_mtu() { ip -n "$NS_HOST" -o link show dev "$1" | grep -o 'mtu [0-9]*' | awk '{print $2}'; }

# libvirt's jumps taken out of FORWARD (put back at its head, in their order, by heal): as on a host where
# libvirt keeps its accepts in a table of its own (libvirt 10's nftables table), which does not override a drop
# in iptables' FORWARD (an accept in one table never does in another).
libvirt_jumps_out() {
    local jump
    for jump in LIBVIRT_FWO LIBVIRT_FWI LIBVIRT_FWX; do
        in_lab iptables -C FORWARD -j "$jump" 2>/dev/null || die "libvirt's jump to $jump is not in FORWARD"
        record in_lab iptables -I FORWARD 1 -j "$jump"
    done
    for jump in LIBVIRT_FWX LIBVIRT_FWI LIBVIRT_FWO; do in_lab iptables -D FORWARD -j "$jump"; done
}

# The lab host's rules.v4 as it is now, kept beside the fault's file: heal puts it back (iptables-persistent mode).
persistent_fault_file() {
    cp -p "$IPTABLES_ETC/rules.v4" "$FAULT_FILE.rules.v4"
    record cp -p "$FAULT_FILE.rules.v4" "$IPTABLES_ETC/rules.v4"
}

# rules.v4 through a filter (CMD... reads the file on stdin, prints the new one), its mode and owner kept.
rules_v4_edit() {
    local file=$IPTABLES_ETC/rules.v4
    "$@" <"$file" >"$file.new" || die "could not rewrite $file"
    cat "$file.new" >"$file" && rm -f "$file.new"
}

forward_policy() { in_lab iptables -S FORWARD | awk '$1 == "-P" { print $3 }'; }

iptables_restore_chain() { # table chain file-with-iptables-S-lines
    local table=$1 chain=$2 file=$3 line args
    in_lab iptables -t "$table" -F "$chain"
    while IFS= read -r line; do
        case "$line" in
            "-A $chain "*)
                read -ra args <<<"${line#-A "$chain" }"
                in_lab iptables -t "$table" -A "$chain" "${args[@]}"
                ;;
        esac
    done <"$file"
}

network_bridge() { lv net-info "$1" | awk '/^Bridge:/ { print $2 }'; }

# net-start NET and put back the taps of running guests whose NIC uses it.
network_restart() {
    local net=$1 br g tap pid
    if [ "$(lv net-info "$net" | awk '/^Active:/ {print $2}')" != yes ]; then
        # a dnsmasq left over from the network's earlier life would hold its port
        for pid in $(lab_ns_pids); do
            if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "dnsmasq/$net.conf"; then kill_pid "$pid"; fi
        done
        lv net-start "$net" >/dev/null || return 1
    fi
    br=$(network_bridge "$net")
    for g in $(lv list --name); do
        lv domiflist "$g" | awk -v n="$net" '$2 == "network" && $3 == n { print $1 }' | while read -r tap; do
            ip -n "$NS_HOST" link set "$tap" master "$br"
            ip -n "$NS_HOST" link set "$tap" up
        done
    done
}

dhcp_restart_by_libvirt() { # network: libvirt starts its dnsmasq again, and knows its pid
    # libvirt keeps dnsmasq's pid in memory: a dnsmasq started behind its back would hold the DHCP and DNS
    # sockets, and libvirt's next DHCP update would start a second one that cannot bind. A live DHCP
    # update finds its dnsmasq gone and starts one itself; the made-up reservation goes again at once.
    local host="<host mac='52:54:00:ff:ff:fe' ip='$2'/>"
    lv net-update "$1" add-last ip-dhcp-host "$host" --live >/dev/null
    lv net-update "$1" delete ip-dhcp-host "$host" --live >/dev/null
}

impostor_make() { # guest ip-or-empty mac-or-empty
    local g=$1 ip=$2 mac=$3 tap br
    tap=$(guest_tap "$g")
    br=$(link_master "$tap")
    [ -n "$br" ] || die "guest $g's tap $tap is on no bridge"
    record impostor_remove
    ip netns add "$NS_IMP"
    ip link add vwimp netns "$NS_HOST" type veth peer name eth0 netns "$NS_IMP"
    ip -n "$NS_HOST" link set vwimp master "$br"
    ip -n "$NS_HOST" link set vwimp up
    [ -n "$mac" ] && ip -n "$NS_IMP" link set eth0 address "$mac"
    ip -n "$NS_IMP" link set lo up
    ip -n "$NS_IMP" link set eth0 up
    ip -n "$NS_IMP" addr add "$ip/24" dev eth0
}

impostor_remove() {
    local pid
    for pid in $(lab_imp_pids); do kill_pid "$pid"; done
    ns_exists "$NS_IMP" && ip netns del "$NS_IMP"
    ip -n "$NS_HOST" link del vwimp 2>/dev/null || true
    ip -n "$NS_HOST" neigh flush all 2>/dev/null || true
}

lab_imp_pids() {
    ns_exists "$NS_IMP" || return 0
    ns_pids_of "$(stat -L -c %i "/run/netns/$NS_IMP")"
}

fault_apply() { # name guest
    local name=$1 g=$2 v tap br ip mac pid
    case "$name" in
        ip-forward-off)
            v=$(in_host_net sysctl -n net.ipv4.ip_forward)
            record in_host_net sysctl -qw "net.ipv4.ip_forward=$v"
            in_host_net sysctl -qw net.ipv4.ip_forward=0
            ;;
        masquerade-missing)
            local chain=LIBVIRT_PRT saved="$FAULT_FILE.rules" line args n=0
            in_lab iptables -t nat -S "$chain" >/dev/null 2>&1 || chain=POSTROUTING
            in_lab iptables -t nat -S "$chain" >"$saved"
            record iptables_restore_chain nat "$chain" "$saved"
            while IFS= read -r line; do
                case "$line" in
                    "-A $chain "*"-s $DEFAULT_NET"*MASQUERADE*)
                        read -ra args <<<"${line#-A "$chain" }"
                        in_lab iptables -t nat -D "$chain" "${args[@]}"
                        n=$((n + 1))
                        ;;
                esac
            done <"$saved"
            [ "$n" -gt 0 ] || die "no MASQUERADE rule for $DEFAULT_NET found in nat/$chain"
            if [ "$(firewall_current)" = iptables-persistent ]; then
                # as a host whose rules.v4 was saved while the masquerade was missing: the file's copy of libvirt's
                # rules lacks it too, so loading the file (netfilter-persistent reload) takes it away again
                persistent_fault_file
                rules_v4_edit awk -v chain="$chain" -v net="$DEFAULT_NET" \
                    '!(index($0, "-A " chain " ") == 1 && index($0, "-s " net) && /MASQUERADE/)'
            fi
            ;;
        forward-drop)
            if [ "$(firewall_current)" = firewalld-libvirt ]; then
                # virbr0 out of libvirt's zone, where libvirt put it at run time (never permanently): the default
                # zone (public) rejects its forwarded traffic until libvirt puts it back (a firewalld reload, a
                # network or libvirtd restart) or the admin does
                record in_lab firewall-cmd -q --zone=libvirt --change-interface=virbr0
                in_lab firewall-cmd -q --zone=libvirt --remove-interface=virbr0
                return 0
            fi
            if [ "$(firewall_current)" = firewalld ]; then
                # virbr0 out of the trusted zone, runtime and permanent: the default zone (public) rejects its
                # forwarded traffic, also after firewall-cmd --reload and a reboot
                record in_lab firewall-cmd -q --permanent --zone=trusted --add-interface=virbr0
                record in_lab firewall-cmd -q --zone=trusted --change-interface=virbr0
                in_lab firewall-cmd -q --permanent --zone=trusted --remove-interface=virbr0
                in_lab firewall-cmd -q --zone=trusted --remove-interface=virbr0
                return 0
            fi
            if [ "$(firewall_current)" = ufw ]; then
                # nothing in FORWARD lets virbr0 through then but ufw's own route rules
                libvirt_jumps_out
                return 0
            fi
            if [ "$(firewall_current)" = iptables-persistent ]; then
                # as a host whose saved rules drop by FORWARD's policy while libvirt's accepts are elsewhere (libvirt
                # 10's own table): the policy in rules.v4 too (heal puts the file back as it was)
                persistent_fault_file
                record in_lab iptables -P FORWARD "$(forward_policy)"
                libvirt_jumps_out
                in_lab iptables -P FORWARD DROP
                sed -i '/^\*filter/,/^COMMIT/ s/^:FORWARD ACCEPT /:FORWARD DROP /' "$IPTABLES_ETC/rules.v4"
                return 0
            fi
            if [ "$(firewall_current)" = nftables ]; then
                record in_host_net nft "chain inet filter forward { policy accept ; }"
                in_host_net nft "chain inet filter forward { policy drop ; }"
                return 0
            fi
            v=$(forward_policy)
            record in_lab iptables -D FORWARD -j DOCKER-USER
            record in_lab iptables -F DOCKER-USER
            record in_lab iptables -X DOCKER-USER
            record in_lab iptables -P FORWARD "$v"
            in_lab iptables -N DOCKER-USER
            in_lab iptables -A DOCKER-USER -j DROP
            in_lab iptables -I FORWARD 1 -j DOCKER-USER
            in_lab iptables -P FORWARD DROP
            ;;
        firewalld-policy-reject)
            firewalld_mode || die "firewalld-policy-reject needs lab up --firewall firewalld or firewalld-libvirt"
            local zone
            zone=$(guests_zone)
            # firewall-cmd --permanent rewrites the policy's file (and keeps a .old copy): heal takes the zone out
            # both ways, then puts the file back as it was and removes the copy, as before the fault
            local file=$FIREWALLD_DIR/etc/policies/$FIREWALLD_POLICY.xml
            [ -f "$file" ] || die "the lab's firewalld has no policy $FIREWALLD_POLICY ($file); run: lab up --firewall iptables, then lab up --firewall firewalld"
            [ ! -e "$file.old" ] || die "$file.old is there already: heal or lab up --firewall firewalld again first"
            cp -p "$file" "$FAULT_FILE.policy"
            record in_lab firewall-cmd -q --policy="$FIREWALLD_POLICY" --remove-ingress-zone="$zone"
            record in_lab firewall-cmd -q --permanent --policy="$FIREWALLD_POLICY" --remove-ingress-zone="$zone"
            record cp -p "$FAULT_FILE.policy" "$file"
            record rm -f "$file.old"
            in_lab firewall-cmd -q --permanent --policy="$FIREWALLD_POLICY" --add-ingress-zone="$zone"
            in_lab firewall-cmd -q --policy="$FIREWALLD_POLICY" --add-ingress-zone="$zone"
            ;;
        forward-drop-rule)
            if [ "$(firewall_current)" = ufw ]; then
                # a route rule of the user's, which ufw saves in the lab's /etc/ufw/user.rules; with libvirt's
                # jumps in FORWARD they would accept virbr0's traffic before ufw's chains see it
                libvirt_jumps_out
                record in_lab ufw route delete deny in on virbr0 out on eth0
                in_lab ufw route deny in on virbr0 out on eth0 >/dev/null
                return 0
            fi
            if [ "$(firewall_current)" = nftables ]; then
                # the chain holds no rule of its own (the lab's nftables.conf): flushing it undoes the fault
                record in_host_net nft flush chain inet filter forward
                in_host_net nft insert rule inet filter forward iifname virbr0 counter drop
                return 0
            fi
            if [ "$(firewall_current)" = iptables-persistent ]; then
                # saved as netfilter-persistent save writes it: FORWARD's first rule in rules.v4's filter section
                persistent_fault_file
                rules_v4_edit awk '/^\*filter/ { f = 1 } f && !done && /^-A FORWARD / { print "-A FORWARD -i virbr0 -j DROP"; done = 1 } /^COMMIT/ { f = 0 } { print }'
            fi
            record in_lab iptables -D FORWARD -i virbr0 -j DROP
            in_lab iptables -I FORWARD 1 -i virbr0 -j DROP
            ;;
        docker-drop)
            case "$(firewall_current)" in iptables | nftables) ;; *) die "docker-drop needs lab up --firewall iptables or nftables" ;; esac
            # nothing lets virbr0 through then but what the user puts in DOCKER-USER
            libvirt_jumps_out
            record in_lab iptables -D FORWARD -j DOCKER-USER
            record in_lab iptables -D FORWARD -j DOCKER-FORWARD
            record in_lab iptables -F DOCKER-USER
            record in_lab iptables -F DOCKER-FORWARD
            record in_lab iptables -X DOCKER-USER
            record in_lab iptables -X DOCKER-FORWARD
            record in_lab iptables -X DOCKER
            record in_lab iptables -P FORWARD "$(forward_policy)"
            # as Docker 28 makes them for its default bridge docker0 (no container runs)
            in_lab iptables -N DOCKER
            in_lab iptables -N DOCKER-USER
            in_lab iptables -N DOCKER-FORWARD
            in_lab iptables -A DOCKER-FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
            in_lab iptables -A DOCKER-FORWARD -o docker0 -j DOCKER
            in_lab iptables -A DOCKER-FORWARD -i docker0 -j ACCEPT
            in_lab iptables -I FORWARD 1 -j DOCKER-FORWARD
            in_lab iptables -I FORWARD 1 -j DOCKER-USER
            in_lab iptables -P FORWARD DROP
            ;;
        br-netfilter-drop)
            local f=/proc/sys/net/bridge/bridge-nf-call-iptables
            in_host_net test -e "$f" || die "br_netfilter is not available in this kernel ($f missing)"
            v=$(in_host_net cat "$f")
            record in_host_net sysctl -qw "net.bridge.bridge-nf-call-iptables=$v"
            record in_lab iptables -P FORWARD "$(forward_policy)"
            in_host_net sysctl -qw net.bridge.bridge-nf-call-iptables=1
            in_lab iptables -P FORWARD DROP
            ;;
        tap-detached)
            tap=$(guest_tap "$g")
            br=$(link_master "$tap")
            [ -n "$br" ] || die "$g's tap $tap is already on no bridge"
            record ip -n "$NS_HOST" link set "$tap" master "$br"
            ip -n "$NS_HOST" link set "$tap" nomaster
            ;;
        bridge-down)
            record ip -n "$NS_HOST" link set virbr0 up
            ip -n "$NS_HOST" link set virbr0 down
            ;;
        uplink-down)
            local route
            route=$(ip -n "$NS_HOST" route show default | head -1)
            record ip -n "$NS_HOST" link set "$(uplink_link)" up
            # shellcheck disable=SC2086 # the route's words are its arguments
            [ -n "$route" ] && record ip -n "$NS_HOST" route replace $route
            ip -n "$NS_HOST" link set "$(uplink_link)" down
            ;;
        bond-slave-down | bond-slaves-down)
            case "$(uplink_current)" in bond | bond-vlan) ;; *) die "$name needs a bonded lab: lab up --uplink bond (or bond-vlan)" ;; esac
            local s slaves=(eth0)
            [ "$name" = bond-slave-down ] || slaves+=(eth2)
            for s in "${slaves[@]}"; do
                record ip -n "$NS_HOST" link set "$s" up
                ip -n "$NS_HOST" link set "$s" down
            done
            ;;
        vlan-parent-down)
            case "$(uplink_current)" in vlan | bond-vlan) ;; *) die "$name needs a VLAN lab: lab up --uplink vlan (or bond-vlan)" ;; esac
            local route parent
            parent=$(uplink_trunk)
            # the kernel takes a VLAN down with its parent, and the default route with it
            route=$(ip -n "$NS_HOST" route show default | head -1)
            record ip -n "$NS_HOST" link set "$parent" up
            record ip -n "$NS_HOST" link set "$(uplink_link)" up
            # shellcheck disable=SC2086 # the route's words are its arguments
            [ -n "$route" ] && record ip -n "$NS_HOST" route replace $route
            ip -n "$NS_HOST" link set "$parent" down
            ;;
        bridge-no-uplink)
            br=$(link_master eth1)
            [ -n "$br" ] || die "eth1 is on no bridge already"
            record ip -n "$NS_HOST" link set eth1 master "$br"
            ip -n "$NS_HOST" link set eth1 nomaster
            ;;
        guest-link-down)
            tap=$(guest_tap "$g")
            record lv domif-setlink "$g" "$tap" up
            lv domif-setlink "$g" "$tap" down >/dev/null
            ;;
        network-inactive)
            record network_restart default
            lv net-destroy default >/dev/null
            ;;
        dhcp-server-stopped)
            local pidfile="$LAB_DIR/run/libvirt/network/default.pid"
            pid=$(tr -dc 0-9 <"$pidfile" 2>/dev/null || true)
            if [ -z "$pid" ] || [ ! -d "/proc/$pid" ]; then die "libvirt's dnsmasq for network default is not running"; fi
            record dhcp_restart_by_libvirt default 192.168.122.254
            kill_pid "$pid"
            ;;
        guest-wrong-subnet)
            record guest_exec 60 "$g" sh -c 'ip -4 addr flush dev eth0; rm -f /run/gw; setsid netwatch </dev/null >/dev/console 2>&1 &'
            # shellcheck disable=SC2016 # expanded inside the guest
            guest_exec 60 "$g" sh -c 'kill $(cat /run/netwatch.pid) $(cat /run/udhcpc.pid) 2>/dev/null; rm -f /run/gw /run/udhcpc.pid /run/netwatch.pid; ip -4 addr flush dev eth0; ip addr add 10.99.99.5/24 dev eth0; ip route replace default via 10.99.99.1 dev eth0' >/dev/null
            ;;
        duplicate-ip)
            ip=$(guest_ip "$g")
            [ -n "$ip" ] || die "guest $g has no address"
            impostor_make "$g" "$ip" ""
            in_host_net ip neigh flush all
            ip netns exec "$NS_IMP" arping -q -U -c 2 -I eth0 "$ip" || true
            ;;
        duplicate-mac)
            mac=$(lv domiflist "$g" | awk 'NF >= 5 { print $5; exit }')
            ip=$(guest_ip "$g")
            impostor_make "$g" "${ip%.*}.$IMP_ADDR_LAST" "$mac"
            # keep sending frames with the guest's MAC so the bridge keeps learning it on the impostor's port
            ip netns exec "$NS_IMP" setsid ping -q -i 0.2 "${ip%.*}.1" </dev/null >/dev/null 2>&1 7>&- 8>&- &
            ;;
        mtu-mismatch)
            tap=$(guest_tap "$g")
            br=$(link_master "$tap")
            record ip -n "$NS_HOST" link set "$tap" mtu "$(link_mtu "$tap")"
            record ip -n "$NS_HOST" link set "$br" mtu "$(link_mtu "$br")"
            v=$(link_mtu "$br")
            ip -n "$NS_HOST" link set "$tap" mtu 1400
            ip -n "$NS_HOST" link set "$br" mtu "$v" 2>/dev/null || true
            ;;
        routed-no-return-route)
            record ip -n "$NS_LAN" route replace "$ROUTED_NET" via "$LAN_LABHOST"
            ip -n "$NS_LAN" route del "$ROUTED_NET"
            ;;
        uplink-port-down)
            record ip -n "$NS_HOST" link set eth1 up
            ip -n "$NS_HOST" link set eth1 down
            ;;
        lan-peer-down)
            record ip -n "$NS_LAN" link set h1 up
            ip -n "$NS_LAN" link set h1 down
            ;;
        guest-macvtap)
            local type source
            mac=$(guest_mac "${g#g}")
            read -r type source < <(lv domiflist "$g" | awk -v m="$mac" 'tolower($5) == m { print $2, $3 }')
            [ -n "$type" ] || die "guest $g has no NIC $mac"
            [ "$type" != direct ] || die "guest $g's NIC is a macvtap already"
            record guest_nic_replug "$g" "$mac" "$type" "$source"
            guest_nic_replug "$g" "$mac" direct "$(uplink_link)"
            ;;
        ip6-forward-off | accept-ra-reset | ip6-drop | guest-ipv6-off) ipv6_fault_apply "$name" "$g" ;;
        *) hosts_fault_apply "$name" "$g" ;;
    esac
}

nic_gone() { ! lv domiflist "$1" | awk '{ print tolower($5) }' | grep -qx "$2"; }

# Unplugs a running guest's NIC (live and saved) and plugs it in on TYPE SOURCE (network, bridge, or direct =
# macvtap in bridge mode on a lab host NIC); libvirt cannot update a NIC to or from macvtap. The lab guest
# brings up only the NIC it booted with, so the new eth0 is set up inside it (its DHCP keeper does the rest).
guest_nic_replug() { # guest mac type source
    local g=$1 mac=$2 type=$3 source=$4 now xml="$LAB_DIR/guests/$1.nic.xml"
    now=$(lv domiflist "$g" | awk -v m="$mac" 'tolower($5) == m { print $2 }')
    if [ -n "$now" ]; then
        lv detach-interface "$g" "$now" --mac "$mac" --live --config >/dev/null
        wait_for 30 nic_gone "$g" "$mac" || die "guest $g did not release its NIC $mac"
    fi
    case "$type" in
        direct) echo "<interface type='direct'><source dev='$source' mode='bridge'/>" >"$xml" ;;
        bridge) echo "<interface type='bridge'><source bridge='$source'/>" >"$xml" ;;
        *) echo "<interface type='network'><source network='$source'/>" >"$xml" ;;
    esac
    echo "<mac address='$mac'/><model type='virtio'/></interface>" >>"$xml"
    lv attach-device "$g" "$xml" --live --config >/dev/null
    wait_for 30 guest_exec 5 "$g" ip link set eth0 up || die "guest $g has no eth0 after the NIC was plugged in"
}

cmd_fault() {
    local name=${1:-}
    if [ -z "$name" ] || [ "$name" = list ]; then
        for name in "${FAULTS[@]}"; do printf '%-24s %s\n' "$name" "$(fault_describe "$name")"; done
        return 0
    fi
    fault_describe "$name" >/dev/null || die "unknown fault '$name'; known: ${FAULTS[*]}"
    local g=${2:-${FAULT_GUEST_OF[$name]:-$FAULT_GUEST_DEFAULT}}
    lab_is_up || die "the lab is not up; run: lab up"
    mkdir -p "$LAB_DIR/faults"
    local existing=("$LAB_DIR"/faults/*-"$name")
    if [ "${#existing[@]}" -gt 0 ]; then
        log "fault $name is already active"
        return 0
    fi
    local seq=0
    [ -f "$LAB_DIR/faults/.seq" ] && seq=$(cat "$LAB_DIR/faults/.seq")
    seq=$((seq + 1))
    echo "$seq" >"$LAB_DIR/faults/.seq"
    FAULT_FILE=$(printf '%s/faults/%03d-%s' "$LAB_DIR" "$seq" "$name")
    : >"$FAULT_FILE"
    if ! (fault_apply "$name" "$g"); then
        log "fault $name could not be injected; undoing what it did"
        cmd_heal_file "$FAULT_FILE" || true
        exit 1
    fi
    log "fault $name injected ($(fault_describe "$name"))"
}

cmd_heal() {
    lab_is_up || die "the lab is not up; run: lab up"
    local files=() f i failed=0
    for f in "$LAB_DIR"/faults/[0-9][0-9][0-9]-*; do
        case "$f" in *.*) continue ;; esac
        files+=("$f")
    done
    for ((i = ${#files[@]} - 1; i >= 0; i--)); do
        cmd_heal_file "${files[$i]}" || failed=1
    done
    return "$failed"
}

cmd_heal_file() { # runs one fault's undo lines, in order, then forgets the fault
    local f=$1 line lines=() failed=0
    mapfile -t lines <"$f"
    for line in "${lines[@]}"; do
        [ -n "$line" ] || continue
        eval "$line" >/dev/null || { log "heal: failed: $line"; failed=1; }
    done
    log "healed ${f##*/[0-9][0-9][0-9]-}"
    rm -f "$f" "$f".*
    return "$failed"
}
