# shellcheck shell=bash
# `lab ssh`: an ssh login to the lab host (sshd on its eth0 address), reached from the LAN host, as an admin
# on the LAN reaches a KVM host. All it uses lives in the lab's folder: keys, known hosts, the client config
# and the ssh program libvirt is told to use (the URI's command= parameter). Sourced by lab.

SSH_DIR="$LAB_DIR/ssh"

ssh_files() {
    mkdir -p "$SSH_DIR"
    chmod 700 "$SSH_DIR"
    [ -f "$SSH_DIR/host_key" ] || ssh-keygen -q -t ed25519 -N '' -C lab-host -f "$SSH_DIR/host_key"
    [ -f "$SSH_DIR/id" ] || ssh-keygen -q -t ed25519 -N '' -C lab-admin -f "$SSH_DIR/id"
    cp "$SSH_DIR/id.pub" "$SSH_DIR/authorized_keys"
    printf '%s\n' "ListenAddress $LAN_LABHOST:22" "HostKey $SSH_DIR/host_key" \
        "AuthorizedKeysFile $SSH_DIR/authorized_keys" "PidFile $LAB_DIR/pids/sshd.pid" \
        "PermitRootLogin prohibit-password" "PasswordAuthentication no" "KbdInteractiveAuthentication no" \
        "UsePAM no" "StrictModes no" >"$SSH_DIR/sshd_config"
    printf '%s\n' "Host *" "    IdentityFile $SSH_DIR/id" "    IdentitiesOnly yes" \
        "    UserKnownHostsFile $SSH_DIR/known_hosts" "    StrictHostKeyChecking yes" "    BatchMode yes" \
        >"$SSH_DIR/config"
    printf '%s %s\n' "$LAN_LABHOST" "$(cut -d' ' -f1-2 "$SSH_DIR/host_key.pub")" >"$SSH_DIR/known_hosts"
    printf '%s\n' "#!/bin/sh" \
        "# ssh as from the lab's LAN host, with the lab's key and known hosts (the lab's qemu+ssh URI names it)" \
        "exec ip netns exec $NS_LANHOST ssh -F $SSH_DIR/config \"\$@\"" >"$SSH_DIR/ssh"
    chmod 755 "$SSH_DIR/ssh"
}

# The lab host's root is not this machine's root: the shell sshd starts for each command reads no ~/.bashrc of
# this machine's (bash sources it under sshd). One here ran pyenv's set-up, 1-5 s per command over ssh, for
# commands Virtwire runs by the dozen. An empty file of the lab's is bound over it, in the lab host's mount
# namespace only (the prefix runs a command there).
quiet_root_rc() { # prefix...
    [ -f /root/.bashrc ] || return 0
    [ -f "$SSH_DIR/bashrc" ] || echo "# the lab host's root: no set-up of this machine's root" >"$SSH_DIR/bashrc"
    "$@" sh -c 'findmnt -n /root/.bashrc >/dev/null || mount --bind "$0" /root/.bashrc' "$SSH_DIR/bashrc"
}

cmd_ssh() {
    lab_is_up || die "the lab is not up; run: lab up"
    [ -x /usr/sbin/sshd ] || die "sshd is missing: apt-get install openssh-server"
    command -v ssh-keygen >/dev/null || die "ssh-keygen is missing: apt-get install openssh-client"
    ssh_files
    if ! daemon_pid sshd >/dev/null; then
        # sshd's privilege separation directory (what its init script makes on a real host)
        [ -d /run/sshd ] || mkdir -m 0755 /run/sshd
        log "starting sshd on $LAN_LABHOST:22 in $NS_HOST"
        quiet_root_rc in_lab
        in_lab /usr/sbin/sshd -f "$SSH_DIR/sshd_config" -E "$LAB_DIR/log/sshd.log" 7>&- 8>&-
        wait_for 5 daemon_pid sshd || die "sshd did not start (see $LAB_DIR/log/sshd.log)"
    fi
    echo "LAB_SSH_URI=qemu+ssh://root@$LAN_LABHOST/system?command=$SSH_DIR/ssh"
}
