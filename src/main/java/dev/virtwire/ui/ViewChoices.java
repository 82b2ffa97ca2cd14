package dev.virtwire.ui;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * What the user chose to see in the window (View menu), shared by every host tab and remembered between runs:
 * labels on the toolbar's buttons, the Inspector and the History panels, the demo host's first-run hint.
 */
final class ViewChoices {
    private final BooleanProperty toolbarLabels;
    private final BooleanProperty inspector;
    private final BooleanProperty history;
    private final BooleanProperty demoHint;

    ViewChoices(Settings settings) {
        toolbarLabels = remembered(settings, "view.toolbarLabels");
        inspector = remembered(settings, "view.inspector");
        history = remembered(settings, "view.history");
        demoHint = remembered(settings, "view.demoHint");
    }

    private static BooleanProperty remembered(Settings settings, String key) {
        BooleanProperty choice = new SimpleBooleanProperty(settings.flag(key, true));
        choice.addListener((o, was, now) -> settings.setFlag(key, now));
        return choice;
    }

    /** Icon and text on the toolbar's buttons; icons only when false. */
    BooleanProperty toolbarLabels() {
        return toolbarLabels;
    }

    BooleanProperty inspector() {
        return inspector;
    }

    BooleanProperty history() {
        return history;
    }

    /** The demo host's "what to try" hint, until the user dismisses it. */
    BooleanProperty demoHint() {
        return demoHint;
    }
}
