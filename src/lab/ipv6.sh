# shellcheck shell=bash
# IPv6 in the Virtwire lab (sourced by src/lab/lab), inside the lab's namespaces only.
#   LAN      the router (lan0) has 2001:db8:77::1/64 and sends router advertisements for 2001:db8:77::/64
#            (a second dnsmasq in vwlab-lan, RA only, every 10 s); it routes the default network's
#            prefix back to the lab host. The LAN host has 2001:db8:77::10 (and a SLAAC address).
#   lab host the uplink keeps accept_ra=2, so the RA's default route stays while IPv6 forwarding is on
#            (libvirt refuses to start an IPv6 network otherwise); with no manager (--netconf none) it also
#            has 2001:db8:77::2/64, the LAN router's next hop for the default network's prefix.
#   default  the NAT network gets fd00:77:1::1/64: libvirt's dnsmasq sends RA there, and IPv6 is routed
#            (libvirt 9 has no IPv6 NAT). Bridged guests (br0) take SLAAC addresses from the LAN's RA.
# The guests' kernels do SLAAC themselves: the lab guest needs nothing more (busybox has ping -6).
# Faults: ip6-forward-off, accept-ra-reset, ip6-drop, guest-ipv6-off (see ipv6_fault_describe).

LAN6_PREFIX=2001:db8:77::
LAN6_GW=2001:db8:77::1
LAN6_LABHOST=2001:db8:77::2
LAN6_HOST=2001:db8:77::10
DEFAULT6_NET=fd00:77:1::/64
DEFAULT6_GW=fd00:77:1::1
IP6_DROP_TABLE=vwlab_ip6drop

# The <ip> of the default network's IPv6 prefix (libvirt sends RA for it; SLAAC, no DHCPv6).
ipv6_default_ip_xml() {
    echo "<ip family='ipv6' address='$DEFAULT6_GW' prefix='64'/>"
}

# Idempotent; runs on every `lab up`, before the libvirt networks start.
ipv6_apply() {
    in_lan sysctl -qw net.ipv6.conf.all.forwarding=1
    ip -n "$NS_LAN" -6 addr replace "$LAN6_GW/64" dev lan0 nodad
    ip -n "$NS_LAN" -6 route replace "$DEFAULT6_NET" via "$LAN6_LABHOST" dev lan0
    ip -n "$NS_LANHOST" -6 addr replace "$LAN6_HOST/64" dev eth0 nodad
    ipv6_quiet_br0 # before the first RA: on a loaded machine it reached br0 before the quieting below
    ipv6_start_ra
    local up
    up=$(uplink_link)
    if ip -n "$NS_HOST" link show "$up" >/dev/null 2>&1; then
        in_host_net sysctl -qw "net.ipv6.conf.$up.accept_ra=2"
        if [ "$(netconf_current)" = none ]; then
            # a manager the lab ran before (nm, networkd) may have left IPv6 off on the link: plain links have it on
            in_host_net sysctl -qw "net.ipv6.conf.$up.disable_ipv6=0"
            ip -n "$NS_HOST" -6 addr replace "$LAN6_LABHOST/64" dev "$up" nodad
        fi
    fi
    ipv6_quiet_br0
    in_host_net sysctl -qw net.ipv6.conf.all.forwarding=1
}

# br0 is the guests' bridge onto the LAN; the lab host has no address of its own there (no IPv4 either). Were it
# to take the LAN's RA (it does while forwarding is off: a fault, or a test turning it on again through Virtwire),
# its autoconfigured routes make libvirt refuse to start any IPv6 network ("interface br0 has kernel
# autoconfigured IPv6 routes"), and every later `lab up` fails. With a manager, the manager decides (NetworkManager
# and networkd take RA themselves and keep the kernel's accept_ra at 0).
ipv6_quiet_br0() {
    ip -n "$NS_HOST" link show br0 >/dev/null 2>&1 || return 0
    in_host_net sysctl -qw net.ipv6.conf.br0.accept_ra=0 net.ipv6.conf.br0.autoconf=0
    if [ "$(netconf_current)" = none ] || [ "$(netconf_current)" = ifupdown ]; then
        ip -n "$NS_HOST" -6 route flush dev br0 proto ra 2>/dev/null || true
        # the RA's on-link prefix route is "proto kernel", and libvirt counts it as autoconfigured too
        ip -n "$NS_HOST" -6 route del "$LAN6_PREFIX/64" dev br0 2>/dev/null || true
        ip -n "$NS_HOST" -6 addr flush dev br0 scope global 2>/dev/null || true
    fi
}

# The LAN router's RA: a dnsmasq of its own (the DHCPv4 one stays as it is), RA only, every 10 s so that a
# host that accepts RA again has its default route back within seconds.
ipv6_start_ra() {
    daemon_pid lan-ra >/dev/null && return 0
    mkdir -p "$LAB_DIR/lan"
    log "starting the LAN's router advertisements for $LAN6_PREFIX/64 (dnsmasq in $NS_LAN)"
    in_lan dnsmasq --conf-file=/dev/null --port=0 --interface=lan0 --bind-interfaces \
        --except-interface=lo --user=root --group=root --enable-ra \
        --dhcp-range="$LAN6_PREFIX,ra-only,64" --ra-param=lan0,10,600 \
        --pid-file="$LAB_DIR/pids/lan-ra.pid" --log-facility="$LAB_DIR/lan/ra.log" 7>&- 8>&-
    wait_for 5 daemon_pid lan-ra || die "the LAN's RA dnsmasq did not start (see $LAB_DIR/lan/ra.log)"
}

ipv6_env() {
    cat <<EOF
LAB_LAN_GW6=$LAN6_GW
LAB_LAN_HOST6=$LAN6_HOST
LAB_HOST_IP6=$LAN6_LABHOST
LAB_DEFAULT_NET6=$DEFAULT6_NET
EOF
}

# A guest's global IPv6 addresses (SLAAC or static), one a line, asked from inside it.
guest_ip6() {
    guest_exec 10 "$1" ip -6 -o addr show dev eth0 scope global 2>/dev/null | awk '{ sub(/\/.*/, "", $4); print $4 }'
}

ipv6_fault_describe() {
    case "$1" in
        ip6-forward-off) echo "lab host: net.ipv6.conf.all.forwarding=0 (the default network's IPv6 guests lose the LAN)" ;;
        accept-ra-reset) echo "lab host: accept_ra=1 on $(uplink_link) while IPv6 forwarding is on: the RA default route is flushed and not learnt again" ;;
        ip6-drop) echo "lab host: an nft table ip6 $IP6_DROP_TABLE whose forward chain drops what comes in by virbr0" ;;
        guest-ipv6-off) echo "inside GUEST: IPv6 disabled on eth0 (no SLAAC address); the lab host forgets its IPv6 neighbours [default g1]" ;;
        *) return 1 ;;
    esac
}

ipv6_fault_apply() { # name [guest]
    local v up g=${2:-g1}
    case "$1" in
        ip6-forward-off)
            v=$(in_host_net sysctl -n net.ipv6.conf.all.forwarding)
            record in_host_net sysctl -qw "net.ipv6.conf.all.forwarding=$v"
            in_host_net sysctl -qw net.ipv6.conf.all.forwarding=0
            ;;
        accept-ra-reset)
            up=$(uplink_link)
            v=$(in_host_net sysctl -n "net.ipv6.conf.$up.accept_ra")
            record in_host_net sysctl -qw "net.ipv6.conf.$up.accept_ra=$v"
            in_host_net sysctl -qw "net.ipv6.conf.$up.accept_ra=1"
            # what switching forwarding on does to a link with accept_ra=1 (the kernel flushes the routes RAs
            # gave; with accept_ra=1 it ignores the next RAs): done directly, as a toggle races the next RA
            ip -n "$NS_HOST" -6 route flush proto ra
            [ -z "$(ip -n "$NS_HOST" -6 route show default)" ] || die "the lab host's IPv6 default route is still there"
            ;;
        ip6-drop)
            record in_host_net nft delete table ip6 "$IP6_DROP_TABLE"
            in_host_net nft -f - <<EOF
table ip6 $IP6_DROP_TABLE {
    chain forward {
        type filter hook forward priority -10;
        iifname "virbr0" counter drop
    }
}
EOF
            ;;
        guest-ipv6-off)
            # back on, the guest's kernel asks for router advertisements and takes its SLAAC address again
            record guest_exec 30 "$g" sh -c 'echo 0 >/proc/sys/net/ipv6/conf/eth0/disable_ipv6'
            guest_exec 30 "$g" sh -c 'echo 1 >/proc/sys/net/ipv6/conf/eth0/disable_ipv6' >/dev/null
            # what the host saw of the guest's addresses is gone too, as after the neighbour entries expire
            ip -n "$NS_HOST" -6 neigh flush dev virbr0
            ;;
        *) return 1 ;;
    esac
}
