package org.twimbot.outbox;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The one place where a {@link Payload} becomes the outbox's kind and JSON text and back. The JSON keys are the
 * records' component names, so entries written by earlier versions (same keys) still read after an upgrade.
 */
public final class OutboxCodec {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            // the records' components only: a helper such as Notice.isThankYou() is no stored key
            .visibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
            .build();

    private OutboxCodec() {}

    /** The kinds as the outbox's {@code kind} column names them. */
    private enum Kind {
        NOTICE("notice", Payload.Notice.class),
        REACTION("reaction", Payload.Reaction.class),
        DRAFT("draft", Payload.Draft.class),
        BUNDLE("bundle", Payload.Bundle.class);

        final String column;
        final Class<? extends Payload> type;

        Kind(String column, Class<? extends Payload> type) {
            this.column = column;
            this.type = type;
        }
    }

    public static String kind(Payload payload) {
        for (Kind k : Kind.values()) if (k.type.isInstance(payload)) return k.column;
        throw new AssertionError("a payload type without a kind: " + payload.getClass());
    }

    public static String json(Payload payload) {
        try {
            return JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write an outbox payload", e);
        }
    }

    /** @throws IllegalArgumentException for an unknown kind or a payload that is not its kind's JSON */
    public static Payload read(String kind, String json) {
        Kind k = Arrays.stream(Kind.values())
                .filter(c -> c.column.equals(kind))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown outbox entry kind " + kind));
        try {
            return JSON.readValue(json, k.type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable " + kind + " payload: " + e.getOriginalMessage(), e);
        }
    }
}
