package media.archive.api.desk;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import media.archive.contracts.ImageId;
import media.archive.platform.access.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's event stream and its non-blocking writer. What the client has not been sent yet is
 * kept as marks, not events: per image only the fact that it changed (at most one mark per id),
 * plus whether a keep-alive is due and whether the stream is to end. A writer of the
 * {@link StreamScheduler} turns the marks into bytes only while the servlet output
 * {@link ServletOutputStream#isReady() is ready}; when it is not, the container calls
 * {@link #onWritePossible()} once it is, and the writer goes on. A client that went away shows as a
 * failed write (a keep-alive at the latest) or as an error of the container; either way the
 * stream {@link #finish() finishes}: its timers stop, its owner forgets it and the response
 * completes.
 *
 * <p>Thread-safe: the index's writer marks changes, the clock marks keep-alives and the end, the
 * container reports what the client did, each on its own thread. The marks and the output are
 * guarded by this object's monitor, so writes never interleave; and however often a write is asked
 * for, at most one drain waits on the writers at a time.
 */
final class ClientStream implements WriteListener, AsyncListener {
    /** Logged under the route's name, where an operator looks for the stream's story. */
    private static final Logger LOG = LoggerFactory.getLogger(ImageEventStream.class);
    /** A comment, which clients ignore: proxies see traffic and keep the stream open, and a gone client fails the write. */
    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);

    private final ServletOutputStream out;
    private final Principal caller;
    private final List<ImageId> ids;
    private final StatusEvents events;
    private final StreamScheduler scheduler;
    private final Consumer<ClientStream> forget;
    private final CompletableFuture<Void> done;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** Images changed since their last event, in the order they changed; at most one per watched id. */
    private final Set<ImageId> changed = new LinkedHashSet<>();
    private final List<ScheduledFuture<?>> timers = new ArrayList<>(2);
    private boolean keepAliveDue;
    /** True from the start: the headers go out at once, before any event is due. */
    private boolean unflushed = true;
    private boolean ending;
    private boolean finished;

    /**
     * A stream of the events of {@code ids} that {@code caller} may see, written to {@code out} on
     * {@code scheduler}'s writers. When it finishes it calls {@code forget} (which stops sending it
     * changes), then completes {@code done} (which lets the container end the response).
     */
    ClientStream(ServletOutputStream out, Principal caller, List<ImageId> ids, StatusEvents events,
                 StreamScheduler scheduler, Consumer<ClientStream> forget, CompletableFuture<Void> done) {
        this.out = out;
        this.caller = caller;
        this.ids = ids;
        this.events = events;
        this.scheduler = scheduler;
        this.forget = forget;
        this.done = done;
    }

    /** The images this stream watches. */
    List<ImageId> ids() {
        return ids;
    }

    /** Marks every watched image, so that each is sent with its current state. */
    synchronized void markAll() {
        changed.addAll(ids);
    }

    /** Marks image {@code id} as changed and has it sent. */
    void mark(ImageId id) {
        synchronized (this) {
            changed.add(id);
        }
        request();
    }

    /** Starts the clock's timers: a keep-alive every {@code limits.keepAlive()}, the end after {@code limits.lifetime()}. */
    synchronized void schedule(ImageEventStream.Limits limits) {
        timers.add(scheduler.every(limits.keepAlive(), () -> {
            synchronized (this) {
                keepAliveDue = true;
            }
            request();
        }));
        timers.add(scheduler.after(limits.lifetime(), this::end));
    }

    /** Starts writing: the container calls {@link #onWritePossible()} at once, and whenever the client can take more. */
    void startWriting() {
        out.setWriteListener(this);
    }

    /** Ends the stream at its next write, whatever is still due. */
    void end() {
        synchronized (this) {
            ending = true;
        }
        request();
    }

    /** Has {@link #drain()} run on a writer, once however often it is asked for meanwhile. */
    private void request() {
        if (scheduled.compareAndSet(false, true)) {
            boolean accepted = scheduler.write(() -> {
                scheduled.set(false);
                drain();
            });
            if (!accepted) {
                // Closing: the owner's close() finishes every stream itself.
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
                    byte[] event = events.of(id, caller);
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

    /** Stops the timers, has the owner forget this stream and lets the container complete the response; once. */
    void finish() {
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            timers.forEach(timer -> timer.cancel(false));
        }
        forget.accept(this);
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
