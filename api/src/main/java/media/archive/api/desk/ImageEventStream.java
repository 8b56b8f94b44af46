package media.archive.api.desk;

import io.javalin.Javalin;
import io.javalin.http.Context;
import jakarta.servlet.AsyncContext;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import media.archive.api.index.ImageIndex;
import media.archive.contracts.ImageId;
import media.archive.platform.access.AccessGuard;
import media.archive.platform.access.Principal;
import media.archive.platform.access.Role;
import media.archive.platform.http.ApiException;
import media.archive.platform.http.Routes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/events?ids=<id>,<id>,...} (photographer+, at most {@value #MAX_IDS} ids): the live
 * status of the images a desk shows, as server-sent events ({@code text/event-stream}). On
 * connect one {@code image} event per known id with its current {@link ImageStatus}, then one
 * whenever the index applies a change to it; a {@code : keep-alive} comment every 15 s; after 10
 * minutes the stream ends and the desk connects again. A photographer sees only the images their
 * key uploaded; other ids are treated as unknown.
 *
 * <p>No thread waits on a client: the output is written with the servlet's non-blocking I/O by
 * two threads that every stream shares ({@code StreamScheduler}), only while the client can take
 * more. What a client has not taken yet is, per image, only the fact that it changed
 * ({@code ClientStream}): the event is made from the index when it can be written
 * ({@code StatusEvents}), so a slow client costs at most one pending mark per id (and sees the
 * latest state, never a backlog), and one that goes away is dropped at the next write, a
 * keep-alive at the latest.
 *
 * <p>This class is the route: it checks the caller and the ids, refuses streams beyond
 * {@link Limits#maxStreams()} or while closing, and knows which open stream watches which image,
 * to mark each change on them. Thread-safe; {@link #close()} ends every stream.
 */
public final class ImageEventStream implements Routes, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ImageEventStream.class);
    /** How many images one stream may watch: a desk's screen of thumbnails and uploads. */
    public static final int MAX_IDS = 100;

    /**
     * How streams behave.
     *
     * @param keepAlive  how often an idle stream sends a comment, so proxies keep it open and a gone client is noticed
     * @param lifetime   how long a stream lasts before it ends and the client connects again
     * @param maxStreams how many streams may be open at once; more are refused with {@code 503}
     */
    public record Limits(Duration keepAlive, Duration lifetime, int maxStreams) {
        public Limits {
            Objects.requireNonNull(keepAlive, "keepAlive");
            Objects.requireNonNull(lifetime, "lifetime");
            if (keepAlive.isNegative() || keepAlive.isZero() || lifetime.isNegative() || lifetime.isZero() || maxStreams < 1) {
                throw new IllegalArgumentException("keep-alive and lifetime are positive, at least one stream is allowed");
            }
        }

        /** A keep-alive every 15 s, streams of 10 minutes, at most 10,000 at once. */
        public static Limits defaults() {
            return new Limits(Duration.ofSeconds(15), Duration.ofMinutes(10), 10_000);
        }
    }

    private final AccessGuard guard;
    private final Limits limits;
    private final StatusEvents events;
    private final StreamScheduler scheduler = new StreamScheduler();
    private final ConcurrentMap<ImageId, Set<ClientStream>> watchers = new ConcurrentHashMap<>();
    private final Set<ClientStream> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Streams the images of {@code index} to callers {@code guard} admits, within {@code limits}. */
    public ImageEventStream(ImageIndex index, AccessGuard guard, Limits limits) {
        this.guard = guard;
        this.limits = limits;
        this.events = new StatusEvents(index);
        index.addChangeListener(this::changed);
    }

    @Override
    public void addTo(Javalin app) {
        app.get("/v1/events", this::open);
    }

    /** How many streams are open now. */
    public int openStreams() {
        return open.size();
    }

    private void open(Context ctx) {
        Principal caller = guard.require(ctx, Role.PHOTOGRAPHER);
        List<ImageId> ids = ids(ctx.queryParam("ids"));
        if (closed) {
            throw ApiException.unavailable("the api is stopping", 5);
        }
        if (open.size() >= limits.maxStreams()) {
            throw ApiException.unavailable("too many event streams are open; try again shortly", 5);
        }
        ctx.status(200);
        ctx.contentType("text/event-stream; charset=utf-8");
        ctx.header("Cache-Control", "no-cache");
        // Proxies such as nginx would otherwise buffer the stream.
        ctx.header("X-Accel-Buffering", "no");
        CompletableFuture<Void> done = new CompletableFuture<>();
        ctx.future(() -> {
            try {
                start(ctx, caller, ids, done);
            } catch (IOException | RuntimeException e) {
                LOG.debug("an event stream could not start: {}", e.toString());
                done.complete(null);
            }
            return done;
        });
    }

    private void start(Context ctx, Principal caller, List<ImageId> ids, CompletableFuture<Void> done) throws IOException {
        AsyncContext async = ctx.req().getAsyncContext();
        // The stream ends itself (after its lifetime); no container timeout.
        async.setTimeout(0);
        ClientStream stream = new ClientStream(ctx.res().getOutputStream(), caller, ids, events, scheduler, this::forget, done);
        async.addListener(stream);
        open.add(stream);
        for (ImageId id : ids) {
            watchers.computeIfAbsent(id, key -> ConcurrentHashMap.newKeySet()).add(stream);
        }
        // Watching before the first state is read: no change can fall between the two.
        stream.markAll();
        stream.schedule(limits);
        stream.startWriting();
    }

    /** Called by the index's writer with each image it changed: marks it on every stream watching it. */
    private void changed(ImageId id) {
        Set<ClientStream> watching = watchers.get(id);
        if (watching != null) {
            for (ClientStream stream : watching) {
                stream.mark(id);
            }
        }
    }

    /** Called once by each stream as it finishes: it is no longer open and is sent no more changes. */
    private void forget(ClientStream stream) {
        open.remove(stream);
        for (ImageId id : stream.ids()) {
            watchers.computeIfPresent(id, (key, streams) -> {
                streams.remove(stream);
                return streams.isEmpty() ? null : streams;
            });
        }
    }

    /** The ids of {@code ?ids=}, each once, in their order; {@code 400} unless 1 to {@value #MAX_IDS} image ids. */
    static List<ImageId> ids(String text) {
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest("ids is required: the image ids to watch, comma separated");
        }
        // Bounded before splitting: 100 ids of 64 digits and their commas.
        if (text.length() > MAX_IDS * 66) {
            throw ApiException.badRequest("at most " + MAX_IDS + " ids can be watched at once");
        }
        Set<ImageId> ids = new LinkedHashSet<>();
        for (String part : text.split(",", -1)) {
            String candidate = part.strip();
            if (!ImageId.isValid(candidate)) {
                throw ApiException.badRequest("ids are image ids (64 lower-case hex digits), comma separated");
            }
            ids.add(ImageId.parse(candidate));
        }
        if (ids.size() > MAX_IDS) {
            throw ApiException.badRequest("at most " + MAX_IDS + " ids can be watched at once");
        }
        return List.copyOf(ids);
    }

    /**
     * Refuses new streams and ends the open ones: each is asked to end at its next write, the
     * writers get two seconds for that, and whatever stream is still open then is finished here.
     */
    @Override
    public void close() {
        closed = true;
        for (ClientStream stream : new ArrayList<>(open)) {
            stream.end();
        }
        scheduler.close();
        for (ClientStream stream : new ArrayList<>(open)) {
            stream.finish();
        }
    }
}
