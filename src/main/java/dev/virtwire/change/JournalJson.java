package dev.virtwire.change;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.virtwire.change.op.GuestTap;
import dev.virtwire.model.Id;
import dev.virtwire.model.VirtualNetwork;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The Jackson mapper of the history journal. The model's records use Optional (no nulls across package
 * borders); Jackson's jdk8 module is not a dependency, so this small module maps Optional to "value or null".
 */
final class JournalJson {
    static final ObjectMapper MAPPER = new ObjectMapper().registerModule(optionals()).registerModule(ids())
            .addMixIn(VirtualNetwork.class, NoLeases.class)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * A network in the journal is a definition: what its DHCP server handed out is neither written nor read, so a
     * journal's leases (an Instant this mapper cannot read, a hand edit) can never make the history unreadable.
     */
    @JsonIgnoreProperties("leases")
    private interface NoLeases {
    }

    private JournalJson() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static SimpleModule optionals() {
        SimpleModule m = new SimpleModule("virtwire-optionals");
        m.addSerializer((Class) Optional.class, new StdSerializer<Optional<?>>((Class) Optional.class) {
            @Override
            public void serialize(Optional<?> value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                if (value.isPresent()) {
                    provider.defaultSerializeValue(value.get(), gen);
                } else {
                    gen.writeNull();
                }
            }
        });
        m.addSerializer(OptionalInt.class, new StdSerializer<>(OptionalInt.class) {
            @Override
            public void serialize(OptionalInt value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                if (value.isPresent()) {
                    gen.writeNumber(value.getAsInt());
                } else {
                    gen.writeNull();
                }
            }
        });
        m.addDeserializer((Class) Optional.class, new OptionalDeserializer(null));
        m.addDeserializer(OptionalInt.class, new JsonDeserializer<>() {
            @Override
            public OptionalInt deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return OptionalInt.of(p.getIntValue());
            }

            @Override
            public OptionalInt getNullValue(DeserializationContext ctxt) {
                return OptionalInt.empty();
            }

            @Override
            public Object getAbsentValue(DeserializationContext ctxt) {
                return OptionalInt.empty();
            }
        });
        return m;
    }

    /**
     * Ids as the text they print as ("nic:web1/52:54:00:3a:10:01"). A NIC written before ids were typed is
     * "web1/52:54:00:3a:10:01": read as that NIC, so older histories still undo. A guest's tap to re-plug
     * written before tap names were kept is only its NIC: read with no tap name (asked of the host when run).
     */
    private static SimpleModule ids() {
        SimpleModule m = new SimpleModule("virtwire-ids");
        m.addSerializer(Id.class, new StdSerializer<>(Id.class) {
            @Override
            public void serialize(Id value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.text());
            }
        });
        m.addDeserializer(Id.Nic.class, new JsonDeserializer<>() {
            @Override
            public Id.Nic deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                String text = p.getValueAsString();
                Optional<Id> id = Id.tryParse(text).or(() -> Id.tryParse("nic:" + text));
                if (id.isPresent() && id.get() instanceof Id.Nic nic) {
                    return nic;
                }
                return (Id.Nic) ctxt.handleWeirdStringValue(Id.Nic.class, text, "expected nic:GUEST/MAC");
            }
        });
        m.addDeserializer(GuestTap.class, new JsonDeserializer<>() {
            @Override
            public GuestTap deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                if (p.currentToken() == JsonToken.VALUE_STRING) { // a journal from before tap names were kept
                    return GuestTap.unnamed(ctxt.readValue(p, Id.Nic.class));
                }
                JsonNode node = ctxt.readTree(p);
                JsonNode nic = node.path("nic");
                if (!nic.isTextual()) {
                    return (GuestTap) ctxt.handleUnexpectedToken(GuestTap.class, p);
                }
                JsonParser nicText = nic.traverse(p.getCodec());
                nicText.nextToken();
                JsonNode tap = node.path("tap");
                return new GuestTap(ctxt.readValue(nicText, Id.Nic.class),
                        tap.isTextual() ? Optional.of(tap.asText()) : Optional.empty());
            }
        });
        return m;
    }

    /** Reads the contained type of the property it is bound to (Optional&lt;String&gt;, Optional&lt;VirtualNetwork&gt;...). */
    private static final class OptionalDeserializer extends JsonDeserializer<Optional<?>> implements ContextualDeserializer {
        private final JavaType valueType;

        OptionalDeserializer(JavaType valueType) {
            this.valueType = valueType;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            JavaType type = property != null ? property.getType() : ctxt.getContextualType();
            JavaType contained = type == null || type.containedTypeCount() == 0 ? ctxt.constructType(Object.class)
                    : type.containedType(0);
            return new OptionalDeserializer(contained);
        }

        @Override
        public Optional<?> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return Optional.ofNullable(ctxt.readValue(p, valueType));
        }

        @Override
        public Optional<?> getNullValue(DeserializationContext ctxt) {
            return Optional.empty();
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return Optional.empty();
        }
    }
}
