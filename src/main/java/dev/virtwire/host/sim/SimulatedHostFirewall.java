package dev.virtwire.host.sim;

import dev.virtwire.host.HostFirewall;
import dev.virtwire.model.DockerAcceptMark;
import dev.virtwire.model.ForwardAccept;
import dev.virtwire.model.PortForward;
import dev.virtwire.model.PortForwardAccept;

/**
 * The simulated host's firewall: each write is one step on the host's in-memory state ({@link SimulatedFirewall},
 * {@link SimulatedFirewalld}), told to its watchers as a real host's rules would be read again.
 */
final class SimulatedHostFirewall implements HostFirewall {
    private final SimulatedHost host;

    SimulatedHostFirewall(SimulatedHost host) {
        this.host = host;
    }

    @Override
    public void setPortForward(PortForward forward, String from, boolean present) {
        host.change(s -> SimulatedFirewall.setPortForward(s, forward, from, present));
    }

    @Override
    public void setForwardAccept(ForwardAccept accept, boolean present) {
        host.change(s -> SimulatedFirewall.setForwardAccept(s, accept, present));
    }

    @Override
    public void setDockerAcceptMark(DockerAcceptMark mark, boolean present, boolean dropChain,
                                    boolean dropTable) {
        host.change(s -> SimulatedFirewall.setDockerAcceptMark(s, mark, present, dropChain));
    }

    @Override
    public void setNftablesConf(String bridge, String text) {
        host.change(s -> s.withFirewall(s.firewall().withNftablesConf(text)));
    }

    @Override
    public void setFirewalldZone(String link, String zone, boolean present) {
        host.change(s -> SimulatedFirewall.setFirewalldZone(s, link, zone, present));
    }

    @Override
    public void setPortForwardAccept(PortForwardAccept accept, boolean present) {
        host.change(s -> SimulatedFirewall.setPortForwardAccept(s, accept, present));
    }

    @Override
    public void setUfwRoute(dev.virtwire.model.UfwRouteChange change) {
        host.change(s -> SimulatedFirewall.setUfwRoute(s, change));
    }

    @Override
    public void setFirewalldForwardPort(PortForward forward, String zone, String from, boolean present) {
        host.change(s -> SimulatedFirewall.setFirewalldForwardPort(s, forward, zone, from, present));
    }

    @Override
    public void setFirewalldPolicyRule(String policy, String rule, String bridge, boolean present) {
        host.change(s -> SimulatedFirewalld.setPolicyRule(s, policy, rule, present));
    }

    @Override
    public void setFirewalldAccept(PortForward forward, String bridge, boolean present,
                                  boolean libvirtJump) {
        host.change(s -> SimulatedFirewall.setFirewalldAccept(s, forward, bridge, present));
    }

    @Override
    public void setRulesV4(PortForward forward, String text) {
        host.change(s -> s.withFirewall(s.firewall().withRulesV4(text)));
    }

    @Override
    public void setRulesV4Accept(String bridge, String text) {
        host.change(s -> s.withFirewall(s.firewall().withRulesV4(text)));
    }
}
