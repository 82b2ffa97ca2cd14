# shellcheck shell=bash
# `lab up --netconf ifupdown2`: the lab host's links owned by ifupdown2 (Proxmox's), which conflicts with the
# ifupdown package the machine has (the lab's ifupdown mode needs it), so it is never installed: `apt-get download`
# fetches its .deb once (cached in $LAB_CACHE/ifupdown2), `dpkg -x` unpacks it into the lab's folder, and in the lab's
# mount namespace only its ifup, ifdown, ifquery and ifreload are bound over the machine's (/usr/sbin/ifup, which
# ifdown and ifquery link to, and the empty /usr/local/sbin, for ifreload). A small launcher puts the unpacked
# python tree on sys.path and keeps the name it was called by (ifupdown2 picks its command by it). Its /etc/network
# is the lab's own, made from the package's (ifupdown2.conf with its state in /run/network, no templates) with no
# if-*.d hooks: ifupdown2 makes bridges itself (bridge-ports), bridge-utils' hook would do it a second time.
# Sourced by lab (after netconf.sh).

IFUPDOWN2_DIR="$LAB_DIR/ifupdown2"

# The .deb, downloaded once; a clear error when it cannot be.
ifupdown2_deb() {
    local cache="$LAB_CACHE/ifupdown2" debs
    mkdir -p "$cache"
    shopt -s nullglob
    debs=("$cache"/ifupdown2_*.deb)
    if [ "${#debs[@]}" -eq 0 ]; then
        log "downloading ifupdown2 (cached in $cache)"
        (cd "$cache" && apt-get download -q ifupdown2 >&2) \
            || die "apt-get download ifupdown2 failed (run apt-get update?); --netconf ifupdown2 needs its package"
        debs=("$cache"/ifupdown2_*.deb)
    fi
    shopt -u nullglob
    [ "${#debs[@]}" -gt 0 ] || die "apt-get download ifupdown2 produced no .deb in $cache"
    echo "${debs[-1]}"
}

# Unpacked into the lab's folder, with the launcher and the four names it answers to.
ifupdown2_unpack() {
    local tree="$IFUPDOWN2_DIR/root/usr/share/ifupdown2"
    command -v python3 >/dev/null && [ -x /usr/bin/python3 ] || die "--netconf ifupdown2 needs python3"
    if [ ! -f "$tree/__main__.py" ]; then
        rm -rf "$IFUPDOWN2_DIR/root"
        mkdir -p "$IFUPDOWN2_DIR"
        dpkg -x "$(ifupdown2_deb)" "$IFUPDOWN2_DIR/root" || die "dpkg -x of ifupdown2's package failed"
        [ -f "$tree/__main__.py" ] || die "ifupdown2's package has no $tree/__main__.py"
    fi
    mkdir -p "$IFUPDOWN2_DIR/sbin"
    printf '%s\n' '#!/usr/bin/python3' '# ifupdown2 unpacked by the lab (src/lab/ifupdown2.sh); argv[0] kept: it picks the command by it' \
        'import sys' "TREE = \"$tree\"" 'sys.path[0:0] = [TREE.rsplit("/", 1)[0], TREE]' \
        'with open(TREE + "/__main__.py") as f:' '    code = compile(f.read(), TREE + "/__main__.py", "exec")' \
        'exec(code, {"__name__": "__main__", "__file__": TREE + "/__main__.py"})' >"$IFUPDOWN2_DIR/sbin/ifupdown2"
    chmod 755 "$IFUPDOWN2_DIR/sbin/ifupdown2"
    local n
    for n in ifup ifdown ifquery ifreload; do ln -sfn ifupdown2 "$IFUPDOWN2_DIR/sbin/$n"; done
}

# The lab's /etc/network for ifupdown2: the package's ifupdown2 folder and an interfaces file in its own syntax
# (bridge-ports), each link on the line ifupdown's has (ManagerOwnership).
ifupdown2_files() {
    rm -rf "$IFUPDOWN_DIR/etc"
    mkdir -p "$IFUPDOWN_DIR/etc/interfaces.d" "$IFUPDOWN_DIR/run"
    cp -a "$IFUPDOWN2_DIR/root/etc/network/ifupdown2" "$IFUPDOWN_DIR/etc/"
    sed -i 's|^state_dir=.*|state_dir=/run/network/|; s|^template_enable=.*|template_enable=0|' \
        "$IFUPDOWN_DIR/etc/ifupdown2/ifupdown2.conf"
    printf '%s\n' 'auto lo' 'iface lo inet loopback' '' 'auto eth0' 'iface eth0 inet static' \
        "    address $LAN_LABHOST/24" "    gateway $LAN_GW" '' 'iface eth1 inet manual' '' 'auto br0' \
        'iface br0 inet manual' '    bridge-ports eth1' '    bridge-stp off' '    bridge-fd 0' \
        >"$IFUPDOWN_DIR/etc/interfaces"
}

netconf_ifupdown2() {
    [ -f /usr/sbin/ifup ] || die "--netconf ifupdown2 binds its ifup over the machine's /usr/sbin/ifup, which is missing: apt-get install ifupdown"
    [ -d /usr/local/sbin ] || die "--netconf ifupdown2 binds its commands over /usr/local/sbin, which is missing"
    ifupdown2_unpack
    # written when the lab switches to ifupdown2; kept by `lab reboot` and a repeated `up`: what a test saved in
    # /etc/network is what the next boot builds
    if [ "$(netconf_current)" != ifupdown2 ] || [ ! -f "$IFUPDOWN_DIR/etc/ifupdown2/ifupdown2.conf" ]; then
        ifupdown2_files
    fi
    if [ ! -d /run/network ]; then
        mkdir /run/network
        : >"$LAB_DIR/netconf-made-run-network"
    fi
    bind_in_lab "$IFUPDOWN_DIR/run" /run/network
    bind_in_lab "$IFUPDOWN_DIR/etc" /etc/network
    bind_in_lab "$IFUPDOWN2_DIR/sbin" /usr/local/sbin
    bind_in_lab "$IFUPDOWN2_DIR/sbin/ifupdown2" /usr/sbin/ifup
    [ -s "$IFUPDOWN_DIR/run/ifstatenew" ] && return 0
    local taps=()
    mapfile -t taps < <(guest_taps_on_br0)
    as_at_boot
    log "ifup -a (ifupdown2) in $NS_HOST"
    in_lab /usr/sbin/ifup -a >"$LAB_DIR/log/ifup.log" 2>&1 || die "ifup -a (ifupdown2) failed (see $LAB_DIR/log/ifup.log)"
    # ifupdown2 brings up br0 with its ports: wait for eth0's address and route, eth1 in br0
    wait_for 30 networkd_ready || die "ifup -a (ifupdown2) did not configure eth0, br0 and eth1 (see $LAB_DIR/log/ifup.log)"
    taps_back_on_br0 "${taps[@]}"
}
