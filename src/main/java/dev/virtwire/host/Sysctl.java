package dev.virtwire.host;

import java.util.Optional;

/** The kernel settings Virtwire changes, and its file in /etc/sysctl.d that saves them for the next boot. */
public interface Sysctl {

    /** {@code sysctl -w net.ipv4.ip_forward=0|1}. */
    void setIpForward(boolean on);

    /** {@code sysctl -w net.ipv4.conf.LINK.forwarding=0|1}. */
    void setLinkForwarding(String link, boolean on);

    /** {@code sysctl -w net.ipv6.conf.LINK.KEY=VALUE}, KEY forwarding or accept_ra, LINK a link or all. */
    void setIpv6Conf(String link, String key, int value);

    /** {@link SysctlConf#PATH} as it is now; empty when there is none. */
    Optional<String> savedFile();

    /**
     * Makes {@link SysctlConf#PATH} hold {@code content} (empty: no file) when it holds {@code expected} now, by
     * the commands of {@link SysctlConf#write}; nothing when it holds {@code content} already. Refuses (a
     * {@link HostException} naming the file) when it holds anything else.
     */
    void saveFile(Optional<String> expected, Optional<String> content);
}
