package media.archive.api.galleries;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import media.archive.contracts.GalleryItem;
import media.archive.contracts.GallerySaved;
import media.archive.contracts.ImageId;
import media.archive.contracts.Json;

/**
 * What an editor asks a gallery to be: the body of {@code POST} and {@code PUT
 * /v1/galleries}, read from untrusted JSON and checked field by field. Each refusal names the field
 * at fault ({@code title}, {@code items[2].caption}). Whether the images exist is {@link GalleryLog}'s
 * to check.
 *
 * @param intro    null when there is none
 * @param language a well-formed BCP 47 tag in its canonical case ({@code bn}, {@code pt-BR}); {@code en} when not given
 */
record GalleryDraft(String title, String intro, String language, List<GalleryItem> items) {
    static final int MAX_TITLE = 300;
    static final int MAX_INTRO = 5_000;
    static final int MAX_ITEMS = 100;
    /** Room for a long caption: the seed gallery's longest is about 700 characters. */
    static final int MAX_CAPTION = 5_000;
    static final int MAX_CREDIT_LINE = 300;
    static final int MAX_LANGUAGE = 35;
    static final String DEFAULT_LANGUAGE = "en";

    GalleryDraft {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(language, "language");
        items = List.copyOf(items);
    }

    /** The draft a saved gallery states, to tell whether a save changes anything. */
    static GalleryDraft of(GallerySaved saved) {
        return new GalleryDraft(saved.title(), saved.intro(), saved.language(), saved.items());
    }

    /** Reads a request body; {@link GalleryRefused.Reason#INVALID} naming the field when it is not a gallery. */
    static GalleryDraft read(byte[] body) {
        return read(tree(body));
    }

    /** The JSON object of a request body; {@code INVALID} when it is none. */
    static JsonNode tree(byte[] body) {
        JsonNode tree;
        try {
            tree = body == null || body.length == 0 ? null : Json.mapper().readTree(body);
        } catch (IOException e) {
            throw GalleryRefused.invalid(null, "the body is not valid JSON");
        }
        if (tree == null || !tree.isObject()) {
            throw GalleryRefused.invalid(null, "the body is a JSON object: {\"title\":\"...\",\"items\":[{\"image\":\"<id>\"}]}");
        }
        return tree;
    }

    static GalleryDraft read(JsonNode tree) {
        String title = text(tree, "title", "title", MAX_TITLE);
        if (title == null) {
            throw GalleryRefused.invalid("title", "a gallery needs a title");
        }
        String intro = text(tree, "intro", "intro", MAX_INTRO);
        String language = language(text(tree, "language", "language", MAX_LANGUAGE));
        JsonNode items = tree.get("items");
        if (items == null || !items.isArray()) {
            throw GalleryRefused.invalid("items", "items is a list of pictures: [{\"image\":\"<id>\",\"caption\":\"...\"}]");
        }
        if (items.size() > MAX_ITEMS) {
            throw GalleryRefused.invalid("items", "a gallery holds at most " + MAX_ITEMS + " pictures, not " + items.size());
        }
        List<GalleryItem> read = new ArrayList<>();
        Map<ImageId, Integer> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String at = "items[" + i + "]";
            JsonNode item = items.get(i);
            if (!item.isObject()) {
                throw GalleryRefused.invalid(at, at + " is an object: {\"image\":\"<id>\"}");
            }
            JsonNode image = item.get("image");
            if (image == null || !image.isTextual() || !ImageId.isValid(image.asText())) {
                throw GalleryRefused.invalid(at + ".image", at + ".image is an image id, 64 lower-case hex digits");
            }
            ImageId id = ImageId.parse(image.asText());
            Integer before = seen.putIfAbsent(id, i);
            if (before != null) {
                throw GalleryRefused.invalid(at + ".image", at + ".image repeats items[" + before + "]: a picture is in a gallery once");
            }
            read.add(new GalleryItem(id, text(item, "caption", at + ".caption", MAX_CAPTION),
                    text(item, "creditLine", at + ".creditLine", MAX_CREDIT_LINE)));
        }
        return new GalleryDraft(title, intro, language, read);
    }

    /** The canonical form of a BCP 47 tag; the default language when null. */
    static String language(String tag) {
        if (tag == null) {
            return DEFAULT_LANGUAGE;
        }
        try {
            // Locale.Builder checks well-formedness as BCP 47 defines it, where forLanguageTag guesses.
            return new Locale.Builder().setLanguageTag(tag).build().toLanguageTag();
        } catch (IllformedLocaleException e) {
            throw GalleryRefused.invalid("language", "language is a BCP 47 tag such as bn, vi or en-GB, not \"" + tag + "\"");
        }
    }

    /** A string field, stripped; null when absent, null or blank. */
    private static String text(JsonNode object, String name, String field, int max) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw GalleryRefused.invalid(field, field + " is a string");
        }
        String text = value.asText().strip();
        if (text.length() > max) {
            throw GalleryRefused.invalid(field, field + " has at most " + max + " characters, not " + text.length());
        }
        return text.isEmpty() ? null : text;
    }
}
