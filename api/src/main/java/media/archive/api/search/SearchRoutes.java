package media.archive.api.search;

import io.javalin.Javalin;
import io.javalin.http.Context;
import media.archive.platform.access.AccessGuard;
import media.archive.platform.access.KeyLimits;
import media.archive.platform.access.Principal;
import media.archive.platform.access.Role;
import media.archive.platform.http.Routes;

/**
 * The search routes. An editor searches the whole archive; a photographer searches the images
 * their key uploaded (the record's {@code uploader} is exactly the key's name), with totals and
 * facets of those only.
 * <ul>
 *   <li>{@code GET /v1/search?q=&sort=&limit=&cursor=} (photographer+): a page of hits in the
 *       search language, with facets.</li>
 *   <li>{@code GET /v1/search/help} (photographer+): the language's filters, operators, orders and
 *       facets, from the parser's own tables ({@link SearchHelp}).</li>
 *   <li>{@code GET /v1/search/suggest?field=&prefix=&limit=} (photographer+): facet values to
 *       complete a filter with, such as {@code by}.</li>
 * </ul>
 * A request that cannot be answered is an {@link InvalidSearchException}, a {@code 400}. Thread-safe.
 */
public final class SearchRoutes implements Routes {
    private final SearchService search;
    private final AccessGuard guard;

    public SearchRoutes(SearchService search, AccessGuard guard) {
        this.search = search;
        this.guard = guard;
    }

    @Override
    public void addTo(Javalin app) {
        app.get("/v1/search", this::search);
        app.get("/v1/search/help", this::help);
        app.get("/v1/search/suggest", this::suggest);
    }

    private void search(Context ctx) {
        Principal caller = guard.require(ctx, Role.PHOTOGRAPHER, KeyLimits.Budget.SEARCH);
        SearchRequest request = SearchRequest.of(ctx.queryParam("q"), ctx.queryParam("sort"), ctx.queryParam("limit"),
                ctx.queryParam("cursor"));
        ctx.json(seesEverything(caller) ? search.search(request) : search.searchUploadedBy(request, caller.name()));
    }

    private void help(Context ctx) {
        guard.require(ctx, Role.PHOTOGRAPHER);
        ctx.json(SearchHelp.current());
    }

    private void suggest(Context ctx) {
        Principal caller = guard.require(ctx, Role.PHOTOGRAPHER, KeyLimits.Budget.SEARCH);
        ctx.json(search.suggest(ctx.queryParam("field"), ctx.queryParam("prefix"), ctx.queryParam("limit"),
                seesEverything(caller) ? null : caller.name()));
    }

    private static boolean seesEverything(Principal caller) {
        return caller.role().allows(Role.EDITOR);
    }
}
