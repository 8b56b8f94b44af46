package media.archive.api.editing;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import media.archive.api.serving.ImageIds;
import media.archive.contracts.ImageEdited;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageRecord;
import media.archive.contracts.InvalidEditException;
import media.archive.contracts.Json;
import media.archive.platform.access.AccessGuard;
import media.archive.platform.access.Principal;
import media.archive.platform.access.Role;
import media.archive.platform.http.ApiException;
import media.archive.platform.http.Routes;
import media.archive.platform.storage.ObjectStore;

/**
 * The editing routes, through {@link EditLog}:
 * <ul>
 *   <li>{@code PATCH /v1/images/{id}} (editor): the body is a JSON object of record fields to
 *   change ({@link ImageEdited#EDITABLE}; {@code ""} or {@code []} clears one), with
 *   {@code If-Match: "<version>"} when the editor saw that version. {@code 202} with the edited
 *   record and its {@code ETag}; {@code 400} naming the {@code field} at fault; {@code 409} with
 *   the {@code current} record when someone else saved first; {@code 404} unknown; {@code 410}
 *   removed; {@code 413} when the edit and its history do not fit in one Kafka record;
 *   {@code 503} with {@code Retry-After} when it cannot be recorded now (Kafka down, this
 *   replica's index still catching up, the image busy with other edits; nothing changed).</li>
 *   <li>{@code DELETE /v1/images/{id}[?reason=]} (admin; the reason may also come as the JSON
 *   body {@code {"reason":"..."}}): takes the image down ({@link Takedown}): records its removal,
 *   writes tombstones for it on the content topics, and deletes its original, every rendition and
 *   variant and ingest's marker from S3; {@code 202 {"id","status":"removed"}}, {@code 404}
 *   unknown, {@code 503} as for an edit or when S3 failed.
 *   Repeating it is harmless, and finishes the erasure should Kafka or S3 have failed the first
 *   time. The removal stays: every route answers {@code 410} for the image.</li>
 * </ul>
 * Thread-safe.
 */
public final class EditRoutes implements Routes {
    /** A version as an {@code ETag} comes back in {@code If-Match}: {@code "3"}, weak ({@code W/"3"}) or bare. */
    private static final Pattern VERSION_TAG = Pattern.compile("(?:W/)?\"?(\\d{1,9})\"?");
    private static final int MAX_REASON_LENGTH = 500;
    private static final int RETRY_AFTER_SECONDS = 5;

    private final EditLog log;
    private final Takedown takedown;
    private final AccessGuard guard;

    public EditRoutes(EditLog log, ObjectStore store, AccessGuard guard) {
        this.log = log;
        this.takedown = new Takedown(log, store);
        this.guard = guard;
    }

    @Override
    public void addTo(Javalin app) {
        app.patch("/v1/images/{id}", this::edit);
        app.delete("/v1/images/{id}", this::remove);
        app.exception(EditRefused.class, (e, ctx) -> refused(e, ctx));
        app.exception(InvalidEditException.class, (e, ctx) -> ctx.status(400).json(error("bad-request", e.getMessage(), e.field())));
    }

    /** The {@code ETag} of a record: its version, which every edit raises by one. */
    public static String entityTag(ImageRecord record) {
        return "\"" + record.version() + "\"";
    }

    private void edit(Context ctx) {
        ImageId id = ImageIds.fromPath(ctx);
        Principal editor = guard.require(ctx, Role.EDITOR);
        OptionalInt expected = expectedVersion(ctx.header("If-Match"));
        Map<String, Object> changes = changes(ctx.bodyAsBytes());
        ImageRecord edited = log.edit(id, expected, editor.name(), changes);
        ctx.header("ETag", entityTag(edited)).status(202).json(edited);
    }

    private void remove(Context ctx) {
        ImageId id = ImageIds.fromPath(ctx);
        Principal admin = guard.require(ctx, Role.ADMIN);
        String reason = reason(ctx.queryParam("reason"), ctx.bodyAsBytes());
        takedown.takeDown(id, admin.name(), reason);
        ctx.status(202).json(Map.of("id", id.value(), "status", ImageRecord.REMOVED));
    }

    /**
     * The reason of a takedown: the query's {@code reason}, else a JSON body's
     * {@code {"reason":"..."}}; null when neither gives one.
     */
    static String reason(String query, byte[] body) {
        String reason = query;
        if ((reason == null || reason.isBlank()) && body != null && body.length > 0) {
            JsonNode tree;
            try {
                tree = Json.mapper().readTree(body);
            } catch (IOException e) {
                throw ApiException.badRequest("the body is not valid JSON; a takedown's body is {\"reason\":\"...\"}");
            }
            JsonNode given = tree == null || !tree.isObject() ? null : tree.get("reason");
            if (tree != null && !tree.isObject() || given != null && !given.isNull() && !given.isTextual()) {
                throw ApiException.badRequest("a takedown's body is {\"reason\":\"...\"}");
            }
            reason = given == null || given.isNull() ? null : given.asText();
        }
        if (reason != null && reason.length() > MAX_REASON_LENGTH) {
            throw ApiException.badRequest("a reason has at most " + MAX_REASON_LENGTH + " characters");
        }
        return reason == null || reason.isBlank() ? null : reason.strip();
    }

    /** The version {@code If-Match} asks for; empty when absent or {@code *} (any version). */
    public static OptionalInt expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return OptionalInt.empty();
        }
        Matcher matcher = VERSION_TAG.matcher(ifMatch.strip());
        if (!matcher.matches()) {
            throw ApiException.badRequest("If-Match names the version the edit was made on, as the record's ETag gives it: \"3\"");
        }
        return OptionalInt.of(Integer.parseInt(matcher.group(1)));
    }

    /** The fields and values of a PATCH body; {@code 400} when it is no JSON object of at least one field. */
    static Map<String, Object> changes(byte[] body) {
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("the body is a JSON object of the fields to change, such as {\"headline\":\"...\"}");
        }
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(body);
        } catch (IOException e) {
            throw ApiException.badRequest("the body is not valid JSON");
        }
        if (tree == null || !tree.isObject()) {
            throw ApiException.badRequest("the body is a JSON object of the fields to change, such as {\"headline\":\"...\"}");
        }
        if (tree.isEmpty()) {
            throw ApiException.badRequest("nothing to change: name at least one field");
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = tree.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            changes.put(field.getKey(), Json.mapper().convertValue(field.getValue(), Object.class));
        }
        return changes;
    }

    /** The one place where {@link EditLog}'s refusals become statuses and JSON errors. */
    private static void refused(EditRefused e, Context ctx) {
        switch (e.reason()) {
            case UNKNOWN -> ctx.status(404).json(error("not-found", e.getMessage(), null));
            case REMOVED -> ctx.status(410).json(error("gone", e.getMessage(), null));
            case CONFLICT -> {
                Map<String, Object> body = error("conflict", e.getMessage(), null);
                body.put("current", e.current());
                ctx.header("ETag", entityTag(e.current())).status(409).json(body);
            }
            case TOO_LARGE -> ctx.status(413).json(error("too-large", e.getMessage(), null));
            case UNAVAILABLE -> ctx.header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)).status(503)
                    .json(error("unavailable", e.getMessage(), null));
        }
    }

    private static Map<String, Object> error(String code, String message, String field) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        if (field != null) {
            body.put("field", field);
        }
        return body;
    }
}
