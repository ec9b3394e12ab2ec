package org.sysmodels.core.scenario;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The first field a scenario's text gives that its record has not, looked up in the text's tree against the records'
 * properties as Jackson sees them (so a {@code @JsonProperty} name counts). Jackson builds a record before it reports
 * the unknown fields it set aside, so a constructor's complaint about the field a typo left out ("a scenario needs at
 * least one layer") would otherwise hide the typo itself ("layer"); the loader asks this class first.
 */
final class UnknownFields {

    /** An unknown field: where it is, its name, and the names its record knows, sorted. */
    record Unknown(JsonPointer at, String name, String known) {
    }

    private UnknownFields() {
    }

    /** The first unknown field in document order, descending into records and lists (and maps) of records. */
    static Optional<Unknown> first(ObjectMapper mapper, JsonNode node, JavaType type) {
        return first(mapper, node, type, JsonPointer.empty());
    }

    private static Optional<Unknown> first(ObjectMapper mapper, JsonNode node, JavaType type, JsonPointer at) {
        if (node.isArray() && (type.isCollectionLikeType() || type.isArrayType())) {
            for (int i = 0; i < node.size(); i++) {
                Optional<Unknown> u = first(mapper, node.get(i), type.getContentType(), at.appendIndex(i));
                if (u.isPresent()) {
                    return u;
                }
            }
            return Optional.empty();
        }
        if (!node.isObject()) {
            return Optional.empty();
        }
        if (type.isMapLikeType()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                Optional<Unknown> u = first(mapper, e.getValue(), type.getContentType(),
                        at.appendProperty(e.getKey()));
                if (u.isPresent()) {
                    return u;
                }
            }
            return Optional.empty();
        }
        if (!type.getRawClass().isRecord()) {
            return Optional.empty();    // a value with a deserializer of its own (a distribution, a fault) checks itself
        }
        BeanDescription description = mapper.getDeserializationConfig().introspect(type);
        Map<String, JavaType> known = new TreeMap<>();
        for (BeanPropertyDefinition p : description.findProperties()) {
            if (p.hasConstructorParameter() || p.hasSetter()) {
                known.put(p.getName(), p.getPrimaryType());
            }
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonPointer field = at.appendProperty(e.getKey());
            JavaType fieldType = known.get(e.getKey());
            if (fieldType == null) {
                return Optional.of(new Unknown(field, e.getKey(), String.join(", ", known.keySet())));
            }
            Optional<Unknown> u = first(mapper, e.getValue(), fieldType, field);
            if (u.isPresent()) {
                return u;
            }
        }
        return Optional.empty();
    }
}
