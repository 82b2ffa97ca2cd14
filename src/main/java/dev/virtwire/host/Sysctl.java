package dev.virtwire.host;

/** The kernel settings Virtwire changes. */
public interface Sysctl {

    /** {@code sysctl -w net.ipv4.ip_forward=0|1}. */
    void setIpForward(boolean on);
}
