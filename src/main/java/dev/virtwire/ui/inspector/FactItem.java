package dev.virtwire.ui.inspector;

import java.util.Optional;
import java.util.function.BiConsumer;
import javafx.beans.value.ObservableValue;
import org.controlsfx.control.PropertySheet;

/** A fact as a row of the property sheet; a new value of an editable fact is handed on, never stored here. */
final class FactItem implements PropertySheet.Item {
    private final Fact fact;
    private final BiConsumer<Fact, String> edited;

    FactItem(Fact fact, BiConsumer<Fact, String> edited) {
        this.fact = fact;
        this.edited = edited;
    }

    Fact fact() {
        return fact;
    }

    @Override
    public Class<?> getType() {
        return String.class;
    }

    @Override
    public String getCategory() {
        return fact.category();
    }

    @Override
    public String getName() {
        return fact.name();
    }

    @Override
    public String getDescription() {
        return fact.name() + ": " + fact.value();
    }

    @Override
    public Object getValue() {
        return fact.value();
    }

    /** Editors also call this when they first show the current value: that is no edit. */
    @Override
    public void setValue(Object value) {
        String now = String.valueOf(value);
        if (fact.edit().isPresent() && !now.equals(fact.value())) {
            edited.accept(fact, now);
        }
    }

    @Override
    public Optional<ObservableValue<? extends Object>> getObservableValue() {
        return Optional.empty();
    }

    @Override
    public boolean isEditable() {
        return fact.edit().isPresent();
    }
}
