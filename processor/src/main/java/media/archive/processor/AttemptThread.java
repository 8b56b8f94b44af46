package media.archive.processor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import media.archive.contracts.ImageEvent;
import media.archive.contracts.ImageUploaded;
import media.archive.processor.pipeline.StageTimes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one attempt at an image on a thread of its own, so that the consumer's thread keeps
 * polling (a slow image never makes the group think the consumer died), and gives up on an
 * attempt that outlasts its time limit: its thread is interrupted and, because a decoder stuck in
 * a loop may never look at its interrupt flag, abandoned for a fresh one. An abandoned thread is
 * a daemon and writes only what the same image would write anyway (the same keys, the same bytes).
 *
 * <p>Used by one consumer's thread only.
 */
final class AttemptThread implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AttemptThread.class);
    /**
     * How often the waiting thread returns to the consumer: far inside {@code max.poll.interval.ms},
     * and a finished attempt is noticed at once regardless, since the wait ends when it does.
     */
    private static final long POLL_EVERY_MILLIS = 500;

    /** How an attempt ended. */
    sealed interface Outcome permits Answered, Threw, TimedOut, Stopped {
    }

    record Answered(ImageEvent answer) implements Outcome {
    }

    /** The handler threw {@code error}, any {@link Throwable}: a decoder's stack overflow is one too. */
    record Threw(Throwable error) implements Outcome {
    }

    /** Still running at the time limit; its thread was interrupted and abandoned. */
    record TimedOut(Duration limit) implements Outcome {
    }

    /** The worker is stopping and the attempt did not end within the grace it gets; abandoned too. */
    record Stopped() implements Outcome {
    }

    private final ProcessorWorker.ImageHandler handler;
    private final Duration limit;
    private final String name;
    private final int nice;
    private final List<Thread> abandoned = new ArrayList<>();
    private ExecutorService executor;
    private Thread current;
    private int started;

    /** Attempts run at nice value {@code nice} (see {@link ThreadNiceness}; 0: the process's own). */
    AttemptThread(ProcessorWorker.ImageHandler handler, Duration limit, String name, int nice) {
        this.handler = handler;
        this.limit = limit;
        this.name = name;
        this.nice = nice;
    }

    /**
     * Processes {@code uploaded}, its stages timed into {@code stages}, calling {@code keepPolling} twice a second while it waits.
     * Once {@code stopping} turns true the attempt gets {@code stopGrace} more at most.
     */
    Outcome run(ImageUploaded uploaded, StageTimes.Image stages, Runnable keepPolling, BooleanSupplier stopping,
                Duration stopGrace) {
        Future<ImageEvent> attempt = executor().submit(() -> handler.process(uploaded, stages));
        long deadline = System.nanoTime() + limit.toNanos();
        boolean stopSeen = false;
        while (true) {
            try {
                return new Answered(attempt.get(POLL_EVERY_MILLIS, TimeUnit.MILLISECONDS));
            } catch (ExecutionException e) {
                return new Threw(e.getCause() == null ? e : e.getCause());
            } catch (TimeoutException notYet) {
                // Checked below.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abandon(attempt, uploaded);
                return new Stopped();
            }
            long now = System.nanoTime();
            if (!stopSeen && stopping.getAsBoolean()) {
                stopSeen = true;
                long graceEnd = now + stopGrace.toNanos();
                deadline = graceEnd - deadline < 0 ? graceEnd : deadline;
            }
            if (now - deadline >= 0) {
                abandon(attempt, uploaded);
                return stopSeen ? new Stopped() : new TimedOut(limit);
            }
            keepPolling.run();
        }
    }

    /** Threads given up on that still run: each one a decoder that ignored its interrupt. */
    int abandonedAlive() {
        abandoned.removeIf(thread -> !thread.isAlive());
        return abandoned.size();
    }

    private void abandon(Future<ImageEvent> attempt, ImageUploaded uploaded) {
        attempt.cancel(true);
        executor.shutdownNow();
        executor = null;
        abandoned.add(current);
        int alive = abandonedAlive();
        if (alive > 0) {
            LOG.warn("gave up on the attempt at image {}; {} abandoned processing thread(s) still running", uploaded.id(), alive);
        }
    }

    private ExecutorService executor() {
        if (executor == null) {
            executor = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(() -> {
                    ThreadNiceness.lowerCurrentThread(nice);
                    task.run();
                }, name + "-attempt-" + ++started);
                // An abandoned attempt must not keep the JVM from exiting.
                thread.setDaemon(true);
                current = thread;
                return thread;
            });
        }
        return executor;
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
