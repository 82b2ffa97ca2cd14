#!/bin/sh
# udhcpc event script: keeps the old address until a new lease replaces it.
# shellcheck disable=SC2154 # ip, mask, interface, router, serverid come from udhcpc
case "$1" in
    bound|renew)
        want="$ip/${mask:-24}"
        have=$(ip -4 -o addr show dev "$interface" | awk '{print $4; exit}')
        if [ "$have" != "$want" ]; then
            ip -4 addr flush dev "$interface"
            ip addr add "$want" dev "$interface"
            echo "vwlab: $interface $want (lease from ${serverid:-?})" >/dev/console
        fi
        gw=""
        for r in $router; do gw=$r; break; done
        if [ -n "$gw" ]; then
            ip route replace default via "$gw" dev "$interface"
        else
            gw=$serverid
        fi
        echo "$gw" > /run/gw
        echo "$ip" > /run/ip
        ;;
esac
exit 0
