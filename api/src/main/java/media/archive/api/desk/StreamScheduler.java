package media.archive.api.desk;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads every event stream shares, so that no thread waits on one client: two writers that
 * make events and write them while a client can take them, and one clock that says when a
 * keep-alive is due and when a stream's lifetime is over. Streams only ever hand work to it; the
 * work itself never blocks. Thread-safe; {@link #close()} stops the clock at once and gives the
 * writers two seconds to finish what they were given.
 */
final class StreamScheduler implements AutoCloseable {
    /** Makes events and writes them; never blocks on a client. */
    private final ExecutorService writers = Executors.newFixedThreadPool(2, daemon("desk-events"));
    /** Keep-alives and stream ends. */
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(daemon("desk-events-clock"));

    /** Runs {@code write} on a writer; false once closing, when the stream's owner finishes it instead. */
    boolean write(Runnable write) {
        try {
            writers.execute(write);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Runs {@code task} on the clock every {@code period}, the first time after one period. */
    ScheduledFuture<?> every(Duration period, Runnable task) {
        long every = period.toMillis();
        return clock.scheduleAtFixedRate(task, every, every, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} on the clock once, after {@code delay}. */
    ScheduledFuture<?> after(Duration delay, Runnable task) {
        return clock.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
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
