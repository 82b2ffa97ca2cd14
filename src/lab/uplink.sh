# shellcheck shell=bash
# Uplink shapes of the Virtwire lab (sourced by src/lab/lab): how the lab host's address reaches the LAN.
#   none       eth0 carries the address and the default route (the lab as it always was)
#   bond       eth0 + eth2 bonded into bond0 (active-backup, miimon 100); the LAN's ends h0 + h2 are
#              bonded the same way into lbond0, a port of lan0
#   vlan       eth0 is a trunk and eth0.100 carries the address; the LAN's h0.100 is lan0's port
#   bond-vlan  bond0 over eth0 + eth2 is the trunk and bond0.100 carries the address; lbond0.100 on lan0
# eth1 (br0's port) stays a plain veth on the LAN in every shape. The shape in use is in $LAB_DIR/uplink.

UPLINK_SHAPES=(none bond vlan bond-vlan)
UPLINK_VLAN=100

uplink_current() {
    if [ -f "$LAB_DIR/uplink" ]; then cat "$LAB_DIR/uplink"; else echo none; fi
}

uplink_link() { # [shape] -> the lab host's link that carries its address and default route
    case "${1:-$(uplink_current)}" in
        bond) echo bond0 ;;
        vlan) echo "eth0.$UPLINK_VLAN" ;;
        bond-vlan) echo "bond0.$UPLINK_VLAN" ;;
        *) echo eth0 ;;
    esac
}

uplink_trunk() { # [shape] -> what the address link stands on (itself when nothing)
    case "${1:-$(uplink_current)}" in
        bond | bond-vlan) echo bond0 ;;
        *) echo eth0 ;;
    esac
}

uplink_lan_port() { # shape -> the LAN router's port on lan0 that faces the lab host's address
    case "$1" in
        bond) echo lbond0 ;;
        vlan) echo "h0.$UPLINK_VLAN" ;;
        bond-vlan) echo "lbond0.$UPLINK_VLAN" ;;
        *) echo h0 ;;
    esac
}

# Refuses, before anything is built, a shape this kernel cannot make (no bonding or 802.1Q support).
uplink_check_kernel() { # shape
    local probe=vwlab-kprobe kind needs=()
    case "$1" in bond | bond-vlan) needs+=(bond) ;; esac
    case "$1" in vlan | bond-vlan) needs+=(vlan) ;; esac
    [ "${#needs[@]}" -gt 0 ] || return 0
    ip netns add "$probe" 2>/dev/null || die "cannot create a network namespace to check the kernel"
    ip -n "$probe" link add vwp0 type veth peer name vwp1
    for kind in "${needs[@]}"; do
        local ok=0
        if [ "$kind" = bond ]; then
            ip -n "$probe" link add vwb0 type bond mode active-backup 2>/dev/null && ok=1
        else
            ip -n "$probe" link add link vwp0 name vwp0.5 type vlan id 5 2>/dev/null && ok=1
        fi
        if [ "$ok" = 0 ]; then
            ip netns del "$probe"
            if [ "$kind" = bond ]; then
                die "this kernel cannot make bonds (CONFIG_BONDING / module bonding), which --uplink $1 needs; the default uplink works without"
            fi
            die "this kernel cannot make VLAN links (CONFIG_VLAN_8021Q / module 8021q), which --uplink $1 needs; the default uplink works without"
        fi
    done
    ip netns del "$probe"
}

# Builds SHAPE from the plain lab (eth0 with the address, h0 on lan0).
uplink_build() { # shape
    local shape=$1 trunk=eth0 lan_trunk=h0 link port s
    link=$(uplink_link "$shape")
    port=$(uplink_lan_port "$shape")
    ip -n "$NS_HOST" addr del "$LAN_LABHOST/24" dev eth0 2>/dev/null || true
    ip -n "$NS_LAN" link set h0 nomaster
    case "$shape" in
        bond | bond-vlan)
            ip -n "$NS_HOST" link show eth2 >/dev/null 2>&1 || veth eth2 "$NS_HOST" h2 "$NS_LAN"
            ip -n "$NS_HOST" link add bond0 type bond mode active-backup miimon 100
            ip -n "$NS_LAN" link add lbond0 type bond mode active-backup miimon 100
            for s in eth0 eth2; do
                ip -n "$NS_HOST" link set "$s" down
                ip -n "$NS_HOST" link set "$s" master bond0
                ip -n "$NS_HOST" link set "$s" up
            done
            for s in h0 h2; do
                ip -n "$NS_LAN" link set "$s" down
                ip -n "$NS_LAN" link set "$s" master lbond0
                ip -n "$NS_LAN" link set "$s" up
            done
            trunk=bond0
            lan_trunk=lbond0
            ;;
    esac
    ip -n "$NS_HOST" link set "$trunk" up
    ip -n "$NS_LAN" link set "$lan_trunk" up
    case "$shape" in
        vlan | bond-vlan)
            ip -n "$NS_HOST" link add link "$trunk" name "$link" type vlan id "$UPLINK_VLAN"
            ip -n "$NS_LAN" link add link "$lan_trunk" name "$port" type vlan id "$UPLINK_VLAN"
            ;;
    esac
    ip -n "$NS_LAN" link set "$port" master lan0
    ip -n "$NS_LAN" link set "$port" up
    ip -n "$NS_HOST" link set "$link" up
    ip -n "$NS_HOST" addr add "$LAN_LABHOST/24" dev "$link"
    ip -n "$NS_HOST" route replace default via "$LAN_GW" dev "$link"
}

# Takes SHAPE apart again, back to the plain lab.
uplink_flatten() { # shape
    local shape=$1 link
    link=$(uplink_link "$shape")
    [ "$link" = eth0 ] && return 0
    ip -n "$NS_HOST" addr del "$LAN_LABHOST/24" dev "$link" 2>/dev/null || true
    case "$shape" in
        vlan | bond-vlan)
            ip -n "$NS_HOST" link del "$link" 2>/dev/null || true
            ip -n "$NS_LAN" link del "$(uplink_lan_port "$shape")" 2>/dev/null || true
            ;;
    esac
    case "$shape" in
        bond | bond-vlan)
            ip -n "$NS_HOST" link del bond0 2>/dev/null || true
            ip -n "$NS_LAN" link del lbond0 2>/dev/null || true
            ip -n "$NS_HOST" link del eth2 2>/dev/null || true
            ;;
    esac
    ip -n "$NS_LAN" link set h0 master lan0
    ip -n "$NS_LAN" link set h0 up
    ip -n "$NS_HOST" link set eth0 up
    ip -n "$NS_HOST" addr add "$LAN_LABHOST/24" dev eth0
    ip -n "$NS_HOST" route replace default via "$LAN_GW" dev eth0
}

# Puts a shape's links back up and its address and default route where they belong (a test that ended early
# may have left a slave or a parent down).
uplink_repair() { # shape
    local shape=$1 link s addrs
    link=$(uplink_link "$shape")
    [ "$link" = eth0 ] && return 0
    case "$shape" in
        bond | bond-vlan)
            for s in eth0 eth2; do ip -n "$NS_HOST" link set "$s" up; done
            for s in h0 h2 lbond0; do ip -n "$NS_LAN" link set "$s" up; done
            ;;
    esac
    ip -n "$NS_HOST" link set "$(uplink_trunk "$shape")" up
    ip -n "$NS_HOST" link set "$link" up
    ip -n "$NS_LAN" link set "$(uplink_lan_port "$shape")" up
    addrs=$(ip -n "$NS_HOST" -4 -o addr show dev "$link")
    [[ $addrs == *" $LAN_LABHOST/"* ]] || ip -n "$NS_HOST" addr add "$LAN_LABHOST/24" dev "$link"
    ip -n "$NS_HOST" route replace default via "$LAN_GW" dev "$link"
}

# The routed network forwards through the link that carries the address: defined again when that changed.
uplink_routed_network() {
    local want dev
    want=$(uplink_link)
    lv net-info routed >/dev/null 2>&1 || return 0
    dev=$(lv net-dumpxml routed | grep -o "<forward [^>]*dev='[^']*'" | grep -o "dev='[^']*'" | cut -d"'" -f2)
    [ "$dev" = "$want" ] && return 0
    log "the routed network forwarded through '$dev': defining it again on $want"
    lv net-destroy routed >/dev/null 2>&1 || true
    lv net-undefine routed >/dev/null
}

uplink_apply() { # shape
    local shape=$1 current
    current=$(uplink_current)
    if [ "$current" = "$shape" ]; then
        uplink_repair "$shape"
        return 0
    fi
    uplink_check_kernel "$shape"
    log "lab host uplink: $current -> $shape ($(uplink_link "$shape") carries $LAN_LABHOST)"
    uplink_flatten "$current"
    [ "$shape" = none ] || uplink_build "$shape"
    echo "$shape" >"$LAB_DIR/uplink"
    uplink_routed_network
}
