# shellcheck shell=bash
# The lab host's own firewall (sourced by src/lab/lab): `lab up --firewall iptables|nftables`.
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

# Not tried here yet: firewalld (Debian 12: 1.3.3, 15 packages with its Python and D-Bus deps) and ufw
# (0.36.2) are installable but not installed. firewalld needs a D-Bus system bus of its own, as the lab's
# NetworkManager has (netconf.sh), and writes /etc/firewalld: it would run in the lab host's mount
# namespace with that folder bound there; ufw keeps its rules in /etc/ufw and /lib/ufw and is a set of
# iptables-restore files, so it would need the same private binds. Neither is in the lab's package list.

FIREWALL_ETC=/etc/netns/$NS_HOST
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
    case "$1" in
        iptables)
            if [ "$(firewall_current)" = nftables ]; then
                in_host_net nft delete table inet filter 2>/dev/null || true
            fi
            mkdir -p "$FIREWALL_ETC"
            echo "# the lab host runs no nftables service (lab up --firewall iptables)" >"$FIREWALL_CONF"
            ;;
        nftables)
            mkdir -p "$FIREWALL_ETC"
            firewall_conf_text >"$FIREWALL_CONF"
            # the table alone (no flush): libvirt's rules of a running lab stay
            in_host_net nft delete table inet filter 2>/dev/null || true
            grep -v '^flush ruleset' "$FIREWALL_CONF" | in_host_net nft -f - \
                || die "nft could not load $FIREWALL_CONF in the lab host"
            ;;
        *) die "--firewall needs iptables or nftables" ;;
    esac
    echo "$1" >"$LAB_DIR/firewall"
}

# At boot (lab reboot), before libvirtd: the nftables service loads its file.
firewall_boot() {
    [ "$(firewall_current)" = nftables ] || return 0
    in_host_net nft -f /etc/nftables.conf || die "nft -f /etc/nftables.conf failed in the lab host at boot"
}

firewall_cleanup() {
    rm -f "$FIREWALL_CONF"
    rmdir "$FIREWALL_ETC" 2>/dev/null || true
    rmdir /etc/netns 2>/dev/null || true
    rm -f "$LAB_DIR/firewall"
}
