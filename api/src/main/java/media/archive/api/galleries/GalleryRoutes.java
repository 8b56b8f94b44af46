package media.archive.api.galleries;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;
import media.archive.api.editing.EditRoutes;
import media.archive.api.embed.Embed;
import media.archive.contracts.GalleryId;
import media.archive.contracts.GalleryItem;
import media.archive.contracts.GallerySaved;
import media.archive.platform.access.AccessGuard;
import media.archive.platform.access.Principal;
import media.archive.platform.access.Role;
import media.archive.platform.http.ApiException;
import media.archive.platform.http.Routes;

/**
 * The gallery routes:
 * <ul>
 *   <li>{@code POST /v1/galleries} (editor): {@code {"title","intro"?,"language"?,"items":[{"image",
 *   "caption"?,"creditLine"?}]}}; {@code 201} with the gallery, its {@code Location} and {@code ETag}.</li>
 *   <li>{@code GET /v1/galleries[?limit=&cursor=]} (editor): {@code {"galleries":[...],"next"}}, newest first.</li>
 *   <li>{@code GET /v1/galleries/{gid}} (editor): the gallery and its {@code ETag}.</li>
 *   <li>{@code PUT /v1/galleries/{gid}} (editor): the same body as {@code POST}, with the {@code version}
 *   it was read at in the body or as {@code If-Match} ({@code 428} without); {@code 200} with the gallery,
 *   {@code 409} with the {@code current} one when someone else saved in between.</li>
 *   <li>{@code DELETE /v1/galleries/{gid}} (editor): {@code 204}; the gallery's public URLs answer {@code 410}.</li>
 *   <li>{@code GET /v1/galleries/{gid}/embed} and {@code GET /g/{gid}} (public): the HTML to paste and
 *   the gallery's page ({@link GalleryPages}).</li>
 * </ul>
 * Refusals are JSON: {@code 400} naming the {@code field} at fault, {@code 404} unknown, {@code 410}
 * deleted, {@code 413} too large, {@code 503} with {@code Retry-After} when nothing could be recorded.
 * Thread-safe.
 */
public final class GalleryRoutes implements Routes {
    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 100;
    private static final int RETRY_AFTER_SECONDS = 5;

    private final GalleryLog log;
    private final GalleryPages pages;
    private final AccessGuard guard;
    private final Function<Context, String> base;

    /** Routes over {@code log} and {@code pages}; {@code base} gives the archive's public address for a request. */
    public GalleryRoutes(GalleryLog log, GalleryPages pages, AccessGuard guard, Function<Context, String> base) {
        this.log = log;
        this.pages = pages;
        this.guard = guard;
        this.base = base;
    }

    @Override
    public void addTo(Javalin app) {
        app.post("/v1/galleries", this::create);
        app.get("/v1/galleries", this::list);
        app.get("/v1/galleries/{gid}", this::read);
        app.put("/v1/galleries/{gid}", this::replace);
        app.delete("/v1/galleries/{gid}", this::delete);
        app.get("/v1/galleries/{gid}/embed", this::embed);
        app.get("/g/{gid}", this::page);
        app.exception(GalleryRefused.class, this::refused);
    }

    private void create(Context ctx) {
        Principal editor = guard.require(ctx, Role.EDITOR);
        GallerySaved saved = log.create(GalleryDraft.read(ctx.bodyAsBytes()), editor.name());
        String base = base(ctx);
        ctx.header("Location", base + "/v1/galleries/" + saved.id()).header("ETag", entityTag(saved))
                .status(201).json(json(saved, base));
    }

    private void list(Context ctx) {
        guard.require(ctx, Role.EDITOR);
        int limit = limit(ctx.queryParam("limit"));
        String cursor = ctx.queryParam("cursor");
        GalleryView.Page page = log.page(cursor == null || cursor.isBlank() ? null : cursor, limit);
        String base = base(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("galleries", page.galleries().stream().map(g -> json(g, base)).toList());
        body.put("next", page.next());
        ctx.json(body);
    }

    private void read(Context ctx) {
        guard.require(ctx, Role.EDITOR);
        GallerySaved gallery = log.require(galleryId(ctx));
        ctx.header("ETag", entityTag(gallery)).json(json(gallery, base(ctx)));
    }

    private void replace(Context ctx) {
        GalleryId id = galleryId(ctx);
        Principal editor = guard.require(ctx, Role.EDITOR);
        JsonNode tree = GalleryDraft.tree(ctx.bodyAsBytes());
        int version = version(tree.get("version"), EditRoutes.expectedVersion(ctx.header("If-Match")));
        GallerySaved saved = log.replace(id, version, GalleryDraft.read(tree), editor.name());
        ctx.header("ETag", entityTag(saved)).json(json(saved, base(ctx)));
    }

    private void delete(Context ctx) {
        GalleryId id = galleryId(ctx);
        Principal editor = guard.require(ctx, Role.EDITOR);
        log.delete(id, editor.name());
        ctx.status(204);
    }

    private void embed(Context ctx) {
        GallerySaved gallery = pages.requirePublic(galleryId(ctx));
        List<Embed> figures = pages.figures(gallery, base(ctx));
        GalleryPages.publicHeaders(ctx, pages.cacheSeconds(gallery));
        ctx.contentType("text/html; charset=utf-8").result(pages.embed(gallery, figures));
        pages.shown(ctx, figures);
    }

    private void page(Context ctx) {
        GallerySaved gallery = pages.requirePublic(galleryId(ctx));
        String base = base(ctx);
        List<Embed> figures = pages.figures(gallery, base);
        String html = pages.page(gallery, figures, base);
        ctx.header("Cache-Control", "public, max-age=" + pages.cacheSeconds(gallery));
        ctx.contentType("text/html; charset=utf-8").result(html);
        pages.shown(ctx, figures);
    }

    private String base(Context ctx) {
        return base.apply(ctx);
    }

    /** The {@code ETag} of a gallery: its version, which every save raises by one. */
    static String entityTag(GallerySaved gallery) {
        return "\"" + gallery.version() + "\"";
    }

    /** The version a save was made on: the body's {@code version}, {@code If-Match}, or both when they agree. */
    static int version(JsonNode body, OptionalInt ifMatch) {
        OptionalInt inBody = OptionalInt.empty();
        if (body != null && !body.isNull()) {
            if (!body.canConvertToInt() || !body.isIntegralNumber() || body.asInt() < 1) {
                throw GalleryRefused.invalid("version", "version is the gallery's version as read, a whole number from 1");
            }
            inBody = OptionalInt.of(body.asInt());
        }
        if (inBody.isPresent() && ifMatch.isPresent() && inBody.getAsInt() != ifMatch.getAsInt()) {
            throw GalleryRefused.invalid("version", "the body's version " + inBody.getAsInt() + " and If-Match "
                    + ifMatch.getAsInt() + " disagree");
        }
        if (inBody.isEmpty() && ifMatch.isEmpty()) {
            throw new ApiException(428, "precondition-required",
                    "a gallery is replaced at the version it was read at: give \"version\" in the body or If-Match");
        }
        return inBody.isPresent() ? inBody.getAsInt() : ifMatch.getAsInt();
    }

    static int limit(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        if (text.length() > 3 || !text.chars().allMatch(Character::isDigit)) {
            throw GalleryRefused.invalid("limit", "limit is a whole number from 1 to " + MAX_LIMIT);
        }
        int limit = Integer.parseInt(text);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw GalleryRefused.invalid("limit", "limit is a whole number from 1 to " + MAX_LIMIT);
        }
        return limit;
    }

    private static GalleryId galleryId(Context ctx) {
        String text = ctx.pathParam("gid");
        if (!GalleryId.isValid(text)) {
            throw ApiException.notFound("no gallery " + (text.length() > 40 ? text.substring(0, 40) + "…" : text));
        }
        return GalleryId.parse(text);
    }

    /** A gallery as the API answers it, with its public page and embed. */
    static Map<String, Object> json(GallerySaved gallery, String base) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", gallery.id().value());
        json.put("version", gallery.version());
        json.put("title", gallery.title());
        json.put("intro", gallery.intro());
        json.put("language", gallery.language());
        json.put("items", gallery.items().stream().map(GalleryRoutes::json).toList());
        json.put("createdAt", gallery.createdAt());
        json.put("createdBy", gallery.createdBy());
        json.put("updatedAt", gallery.at());
        json.put("updatedBy", gallery.by());
        json.put("page", GalleryUrls.page(base, gallery.id()));
        json.put("embed", GalleryUrls.embed(base, gallery.id()));
        return json;
    }

    private static Map<String, Object> json(GalleryItem item) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("image", item.image().value());
        json.put("caption", item.caption());
        json.put("creditLine", item.creditLine());
        return json;
    }

    /** The one place where {@link GalleryRefused} becomes a status and a JSON error. */
    private void refused(GalleryRefused e, Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", switch (e.reason()) {
            case INVALID -> "bad-request";
            case UNKNOWN -> "not-found";
            case DELETED -> "gone";
            case CONFLICT -> "conflict";
            case UNAVAILABLE -> "unavailable";
            case TOO_LARGE -> "too-large";
        });
        body.put("message", e.getMessage());
        if (e.field() != null) {
            body.put("field", e.field());
        }
        switch (e.reason()) {
            case INVALID -> ctx.status(400);
            case UNKNOWN -> ctx.status(404);
            case DELETED -> ctx.status(410);
            case CONFLICT -> {
                body.put("current", json(e.current(), base(ctx)));
                ctx.header("ETag", entityTag(e.current())).status(409);
            }
            case UNAVAILABLE -> ctx.header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)).status(503);
            case TOO_LARGE -> ctx.status(413);
        }
        ctx.json(body);
    }
}
