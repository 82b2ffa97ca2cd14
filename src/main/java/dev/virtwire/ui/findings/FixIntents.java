package dev.virtwire.ui.findings;

import dev.virtwire.change.Intent;
import dev.virtwire.diagnose.FixIntent;

/** A troubleshooter's fix as a change-layer intent, so fixes are previewed, applied and undone like any edit. */
public final class FixIntents {
    private FixIntents() {
    }

    public static Intent toIntent(FixIntent fix) {
        if (fix instanceof FixIntent.SetNetworkActive f) {
            return new Intent.SetNetworkActive(f.network(), f.active());
        } else if (fix instanceof FixIntent.SetNicLink f) {
            return new Intent.SetNicLink(f.guest(), f.mac(), f.up());
        } else if (fix instanceof FixIntent.SetLinkUp f) {
            return new Intent.SetLinkUp(f.link(), f.up());
        } else if (fix instanceof FixIntent.SetLinkMaster f) {
            return new Intent.SetLinkMaster(f.link(), f.master());
        } else if (fix instanceof FixIntent.SetLinkMtu f) {
            return new Intent.SetLinkMtu(f.link(), f.mtu());
        } else if (fix instanceof FixIntent.SetIpForward f) {
            return new Intent.SetIpForward(f.on());
        } else if (fix instanceof FixIntent.SwitchToNat f) {
            return new Intent.SwitchToNat(f.guest(), f.mac(), f.network());
        } else if (fix instanceof FixIntent.AttachNic f) {
            return new Intent.AttachNic(f.guest(), f.mac(), f.type(), f.source(), f.scope());
        }
        throw new IllegalArgumentException("the window does not know how to apply the fix '" + fix.describe() + "'");
    }
}
