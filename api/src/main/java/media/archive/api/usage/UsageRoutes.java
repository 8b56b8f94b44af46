package media.archive.api.usage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import media.archive.contracts.ImageId;
import media.archive.platform.access.AccessGuard;
import media.archive.platform.access.Role;
import media.archive.platform.http.ApiException;
import media.archive.platform.http.Routes;

/**
 * Where pictures are used, for the syndication desk (editor keys):
 * <ul>
 *   <li>{@code GET /v1/usages?site=&since=&limit=}: every (image, site) last seen at {@code since}
 *   or later (an instant or a date, UTC) on host {@code site} or its subdomains, most recent
 *   first, as {@code {"usages":[{"image","site","firstSeen","lastSeen","count"}],"truncated"}}, or
 *   as CSV (<a href="https://www.rfc-editor.org/rfc/rfc4180">RFC 4180</a>, with a header row) to
 *   {@code Accept: text/csv};</li>
 *   <li>{@code GET /v1/images/<id>/usages}: {@code {"usages":[{"site","firstSeen","lastSeen","count"}]}}
 *   of one picture, most recent first.</li>
 * </ul>
 * Thread-safe.
 */
final class UsageRoutes implements Routes {
    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 100_000;
    // Strict: quotes only values that need it (Jackson otherwise quotes every value longer than 24 characters).
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();
    private static final CsvSchema CSV_SCHEMA = CsvSchema.builder()
            .addColumn("image").addColumn("site").addColumn("firstSeen").addColumn("lastSeen")
            .addNumberColumn("count")
            .setUseHeader(true)
            .setLineSeparator("\r\n")
            .build();

    private final UsageView view;
    private final AccessGuard guard;

    UsageRoutes(UsageView view, AccessGuard guard) {
        this.view = Objects.requireNonNull(view, "view");
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    @Override
    public void addTo(Javalin app) {
        app.get("/v1/usages", this::list);
        app.get("/v1/images/{id}/usages", this::ofImage);
    }

    private void list(Context ctx) {
        guard.require(ctx, Role.EDITOR);
        String host = siteOf(ctx.queryParam("site"));
        Instant since = sinceOf(ctx.queryParam("since"));
        int limit = limitOf(ctx.queryParam("limit"));
        UsageView.Listing listing = view.list(host, since, limit);
        // Counts change with every flush: a copy kept anywhere would be wrong within a minute.
        ctx.header("Cache-Control", "private, no-store");
        ctx.header("Vary", "Accept");
        if (wantsCsv(ctx.header("Accept"))) {
            ctx.contentType("text/csv; charset=utf-8").result(csv(listing.usages()));
        } else {
            ctx.json(Map.of("usages", listing.usages(), "truncated", listing.truncated()));
        }
    }

    private void ofImage(Context ctx) {
        guard.require(ctx, Role.EDITOR);
        String text = ctx.pathParam("id");
        // The shape is checked before any lookup, as every route taking an id does.
        if (!ImageId.isValid(text)) {
            throw ApiException.badRequest("an image id is 64 lower-case hex digits");
        }
        List<Usage.AtSite> usages = view.of(ImageId.parse(text)).stream().map(Usage::atSite).toList();
        ctx.header("Cache-Control", "private, no-store");
        ctx.json(Map.of("usages", usages));
    }

    /** The usages as CSV rows: image, site, first and last seen (ISO-8601), count. */
    static String csv(List<Usage> usages) {
        List<Object[]> rows = usages.stream()
                .map(u -> new Object[] {u.image().value(), u.site(), u.firstSeen().toString(), u.lastSeen().toString(), u.count()})
                .toList();
        try {
            return CSV.writer(CSV_SCHEMA).writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write usages as CSV", e);
        }
    }

    /** Whether the client asked for CSV before (or instead of) JSON. */
    static boolean wantsCsv(String accept) {
        if (accept == null) {
            return false;
        }
        int csv = accept.toLowerCase().indexOf("text/csv");
        if (csv < 0) {
            return false;
        }
        int json = accept.toLowerCase().indexOf("application/json");
        return json < 0 || csv < json;
    }

    private static String siteOf(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String host = Sites.host(text);
        if (host == null) {
            throw ApiException.badRequest("site must be a host name such as news.example, or an origin such as"
                    + " https://news.example");
        }
        return host;
    }

    private static Instant sinceOf(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("since must be an ISO-8601 instant (2026-12-03T09:00:00Z) or a date (2026-12-03)");
        }
    }

    private static int limitOf(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // Answered below.
        }
        throw ApiException.badRequest("limit must be an integer from 1 to " + MAX_LIMIT);
    }
}
