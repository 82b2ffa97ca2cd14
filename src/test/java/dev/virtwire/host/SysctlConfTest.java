package dev.virtwire.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Virtwire's sysctl.d file: one key's line changed, every other line kept; written whole, then renamed. */
class SysctlConfTest {

    @Test
    void aNewFileHasAHeaderAndTheLine() {
        assertEquals("# Saved by Virtwire, applied at boot; lines added by others stay.\nnet.ipv4.ip_forward = 1\n",
                SysctlConf.withValue(Optional.empty(), "net.ipv4.ip_forward", "1"));
    }

    @Test
    void theKeysLineIsReplacedWhereverItIsInWhateverSpellingAndOthersStay() {
        String theirs = "# x\n-net/ipv4/ip_forward=0\nkernel.sysrq = 1\n";
        assertEquals("# x\nnet.ipv4.ip_forward = 1\nkernel.sysrq = 1\n",
                SysctlConf.withValue(Optional.of(theirs), "net.ipv4.ip_forward", "1"));
        assertEquals(Optional.of("0"), SysctlConf.valueOf(Optional.of(theirs), "net.ipv4.ip_forward"));
        assertEquals(Optional.empty(), SysctlConf.valueOf(Optional.of(theirs), "net.ipv4.conf.br0.forwarding"));
    }

    @Test
    void writtenToAHiddenNameBesideItAndRenamedOrRemoved() {
        String staged = "/etc/sysctl.d/.60-virtwire.conf.virtwire-new";
        assertEquals(List.of(new HostCommand.Run(List.of("tee", staged), "a = 1\n"),
                new HostCommand.Run(List.of("chmod", "644", staged)),
                new HostCommand.Run(List.of("chown", "root:root", staged)),
                new HostCommand.Run(List.of("mv", "-f", staged, SysctlConf.PATH))),
                SysctlConf.write(Optional.of("a = 1\n")));
        assertEquals(List.of(new HostCommand.Run(List.of("rm", "-f", "--", SysctlConf.PATH))),
                SysctlConf.write(Optional.empty()));
    }
}
