package org.twimbot.devserver;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Jackson helpers; request parsing failures become spec errors. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

    private Json() {}

    static JsonNode parseObject(byte[] body) {
        if (body == null || body.length == 0) {
            return MAPPER.createObjectNode(); // empty body == {} as Synapse accepts
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (IOException e) {
            throw new MatrixError(400, "M_NOT_JSON", "Content not JSON.");
        }
        if (node == null || !node.isObject()) {
            throw new MatrixError(400, "M_NOT_JSON", "Content must be a JSON object.");
        }
        return node;
    }

    static JsonNode parseObject(String text) {
        return parseObject(text.getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, Object> toMap(JsonNode node) {
        return MAPPER.convertValue(node, MAP);
    }

    /** Deep copy so stored events never share mutable maps with callers. */
    static Map<String, Object> copy(Map<String, Object> map) {
        return MAPPER.convertValue(map, MAP);
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String requireText(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            throw MatrixError.missingParam(field);
        }
        if (!v.isTextual()) {
            throw MatrixError.badJson("'" + field + "' must be a string");
        }
        return v.asText();
    }

    static String optText(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw MatrixError.badJson("'" + field + "' must be a string");
        }
        return v.asText();
    }

    static List<String> optStrings(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw MatrixError.badJson("'" + field + "' must be an array");
        }
        List<String> out = new ArrayList<>();
        v.forEach(n -> out.add(n.asText()));
        return out;
    }
}
