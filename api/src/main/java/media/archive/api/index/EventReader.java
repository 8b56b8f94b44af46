package media.archive.api.index;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Set;
import media.archive.contracts.ImageEvent;
import media.archive.contracts.ImageId;
import media.archive.contracts.Json;

/**
 * Reads one Kafka record value as an {@link ImageEvent}, classifying what it cannot use: a
 * value of an event type this version does not index (newer events) is
 * {@link Ignored}; a value that is no event at all is {@link Malformed}; a null value (a
 * takedown's tombstone) keyed by an image id is {@link Erased}. Never throws.
 */
final class EventReader {
    private static final Set<String> INDEXED_TYPES = Set.of(
            "ImageUploaded", "ImageProcessed", "ImageFailed", "ImageRemoved", "ImageRestored", "ImageEdited");

    private EventReader() {
    }

    sealed interface Reading permits Event, Erased, Ignored, Malformed {
    }

    record Event(ImageEvent event) implements Reading {
    }

    /** A tombstone: what {@code topic} held of image {@code id} is to be forgotten. */
    record Erased(String topic, ImageId id) implements Reading {
    }

    record Ignored(String why) implements Reading {
    }

    record Malformed(String why) implements Reading {
    }

    /** The reading of a record of {@code topic} keyed {@code key} whose value is {@code value}. */
    static Reading read(String topic, String key, byte[] value) {
        if (value == null) {
            // A tombstone: compaction's way of forgetting a key, written by a takedown.
            return ImageId.isValid(key) ? new Erased(topic, ImageId.parse(key)) : new Ignored("tombstone of no image");
        }
        return read(value);
    }

    static Reading read(byte[] value) {
        if (value == null) {
            return new Ignored("tombstone");
        }
        try {
            // Nearly every record is an event of a known type: read it in one pass, and classify
            // what that cannot read by looking at it as a tree.
            ImageEvent event = Json.mapper().readValue(value, ImageEvent.class);
            if (event != null) {
                return new Event(event);
            }
        } catch (IOException | RuntimeException notAnEvent) {
            // Classified below.
        }
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(value);
        } catch (IOException e) {
            return new Malformed("not JSON");
        }
        if (tree == null || !tree.isObject()) {
            return new Malformed("not a JSON object");
        }
        JsonNode type = tree.get("type");
        if (type == null || !type.isTextual()) {
            return new Malformed("no event type");
        }
        if (!INDEXED_TYPES.contains(type.asText())) {
            return new Ignored("event type " + abbreviate(type.asText()));
        }
        try {
            return new Event(Json.mapper().treeToValue(tree, ImageEvent.class));
        } catch (IOException | RuntimeException e) {
            return new Malformed("invalid " + type.asText() + ": " + abbreviate(String.valueOf(e.getMessage())));
        }
    }

    private static String abbreviate(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }
}
