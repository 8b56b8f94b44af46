package media.archive.api.desk;

import io.javalin.Javalin;
import io.javalin.http.Context;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import media.archive.api.index.ImageIndex;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageRecord;
import media.archive.contracts.Json;
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
 * <p>No thread waits on a client: the output is written with the servlet's non-blocking I/O
 * ({@link WriteListener}) by two threads that every stream shares, only while the client can take more.
 * What a client has not taken yet is, per image, only the fact that it changed: the event is made
 * from the index when it can be written, so a slow client costs at most one pending mark per id
 * (and sees the latest state, never a backlog), and one that goes away is dropped at the next
 * write, a keep-alive at the latest. Thread-safe; {@link #close()} ends every stream.
 */
public final class ImageEventStream implements Routes, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ImageEventStream.class);
    /** How many images one stream may watch: a desk's screen of thumbnails and uploads. */
    public static final int MAX_IDS = 100;
    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);

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

    private final ImageIndex index;
    private final AccessGuard guard;
    private final Limits limits;
    private final ConcurrentMap<ImageId, Set<Stream>> watchers = new ConcurrentHashMap<>();
    private final Set<Stream> open = ConcurrentHashMap.newKeySet();
    /** Makes events and writes them; never blocks on a client. */
    private final ExecutorService writers = Executors.newFixedThreadPool(2, daemon("desk-events"));
    /** Keep-alives and stream ends. */
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(daemon("desk-events-clock"));
    private volatile boolean closed;

    public ImageEventStream(ImageIndex index, AccessGuard guard, Limits limits) {
        this.index = index;
        this.guard = guard;
        this.limits = limits;
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
        Stream stream = new Stream(ctx.res().getOutputStream(), caller, ids, done);
        async.addListener(stream);
        open.add(stream);
        for (ImageId id : ids) {
            watchers.computeIfAbsent(id, key -> ConcurrentHashMap.newKeySet()).add(stream);
        }
        // Watching before the first state is read: no change can fall between the two.
        stream.markAll();
        stream.schedule(clock);
        stream.out.setWriteListener(stream);
    }

    /** Called by the index's writer with each image it changed: marks it on every stream watching it. */
    private void changed(ImageId id) {
        Set<Stream> watching = watchers.get(id);
        if (watching != null) {
            for (Stream stream : watching) {
                stream.mark(id);
            }
        }
    }

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

    @Override
    public void close() {
        closed = true;
        for (Stream stream : new ArrayList<>(open)) {
            stream.end();
        }
        clock.shutdownNow();
        writers.shutdown();
        try {
            if (!writers.awaitTermination(2, TimeUnit.SECONDS)) {
                writers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writers.shutdownNow();
        }
        for (Stream stream : new ArrayList<>(open)) {
            stream.finish();
        }
    }

    /** One client's stream. Its state is guarded by its monitor; writing happens on {@link #writers}. */
    private final class Stream implements WriteListener, AsyncListener {
        private final ServletOutputStream out;
        private final Principal caller;
        private final List<ImageId> ids;
        private final CompletableFuture<Void> done;
        private final AtomicBoolean scheduled = new AtomicBoolean();
        /** Images changed since their last event, in the order they changed; at most {@link #MAX_IDS}. */
        private final Set<ImageId> changed = new LinkedHashSet<>();
        private final List<ScheduledFuture<?>> timers = new ArrayList<>(2);
        private boolean keepAliveDue;
        /** True from the start: the headers go out at once, before any event is due. */
        private boolean unflushed = true;
        private boolean ending;
        private boolean finished;

        Stream(ServletOutputStream out, Principal caller, List<ImageId> ids, CompletableFuture<Void> done) {
            this.out = out;
            this.caller = caller;
            this.ids = ids;
            this.done = done;
        }

        synchronized void markAll() {
            changed.addAll(ids);
        }

        void mark(ImageId id) {
            synchronized (this) {
                changed.add(id);
            }
            request();
        }

        synchronized void schedule(ScheduledExecutorService clock) {
            long every = limits.keepAlive().toMillis();
            timers.add(clock.scheduleAtFixedRate(() -> {
                synchronized (this) {
                    keepAliveDue = true;
                }
                request();
            }, every, every, TimeUnit.MILLISECONDS));
            timers.add(clock.schedule(this::end, limits.lifetime().toMillis(), TimeUnit.MILLISECONDS));
        }

        void end() {
            synchronized (this) {
                ending = true;
            }
            request();
        }

        /** Has {@link #drain()} run on a writer, once however often it is asked for meanwhile. */
        void request() {
            if (scheduled.compareAndSet(false, true)) {
                try {
                    writers.execute(() -> {
                        scheduled.set(false);
                        drain();
                    });
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    // Closing: close() finishes every stream itself.
                    scheduled.set(false);
                }
            }
        }

        /** Writes what is due while the client can take it; when it cannot, the container calls {@link #onWritePossible()}. */
        private void drain() {
            boolean over;
            synchronized (this) {
                if (finished) {
                    return;
                }
                over = write();
            }
            if (over) {
                finish();
            }
        }

        /** Writes while the output is ready; true when the stream is over (ended, or the client gone). */
        private boolean write() {
            try {
                while (out.isReady()) {
                    if (ending) {
                        return true;
                    }
                    Iterator<ImageId> next = changed.iterator();
                    if (next.hasNext()) {
                        ImageId id = next.next();
                        next.remove();
                        byte[] event = event(id);
                        if (event != null) {
                            out.write(event);
                            unflushed = true;
                        }
                    } else if (keepAliveDue) {
                        keepAliveDue = false;
                        out.write(KEEP_ALIVE);
                        unflushed = true;
                    } else if (unflushed) {
                        unflushed = false;
                        out.flush();
                    } else {
                        return false;
                    }
                }
                return false;
            } catch (IOException | RuntimeException e) {
                LOG.debug("an event stream ended: {}", e.toString());
                return true;
            }
        }

        /** The event for image {@code id}, or null when this caller may not know of it. */
        private byte[] event(ImageId id) {
            Optional<ImageRecord> found = index.find(id);
            if (found.isEmpty()) {
                return null;
            }
            ImageRecord record = found.get();
            if (!caller.role().allows(Role.EDITOR) && !caller.name().equals(record.uploader())) {
                return null;
            }
            byte[] data = Json.toBytes(ImageStatus.of(record));
            byte[] head = "event: image\ndata: ".getBytes(StandardCharsets.US_ASCII);
            byte[] event = new byte[head.length + data.length + 2];
            System.arraycopy(head, 0, event, 0, head.length);
            System.arraycopy(data, 0, event, head.length, data.length);
            event[event.length - 2] = '\n';
            event[event.length - 1] = '\n';
            return event;
        }

        /** Forgets this stream and lets the container complete the response. */
        void finish() {
            synchronized (this) {
                if (finished) {
                    return;
                }
                finished = true;
                timers.forEach(timer -> timer.cancel(false));
            }
            open.remove(this);
            for (ImageId id : ids) {
                watchers.computeIfPresent(id, (key, streams) -> {
                    streams.remove(this);
                    return streams.isEmpty() ? null : streams;
                });
            }
            // Outside the monitor: completing lets the container finish the response on this thread.
            done.complete(null);
        }

        @Override
        public void onWritePossible() {
            request();
        }

        @Override
        public void onError(Throwable failure) {
            LOG.debug("an event stream's client went away: {}", failure.toString());
            finish();
        }

        @Override
        public void onComplete(AsyncEvent event) {
            finish();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            finish();
        }

        @Override
        public void onError(AsyncEvent event) {
            finish();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
