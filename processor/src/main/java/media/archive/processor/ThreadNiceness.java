package media.archive.processor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers the scheduling priority of the calling thread alone (its Linux nice value), so that the
 * processor's image work takes the CPU the rest of the process leaves: an upload, a search or a
 * picture served in the same JVM ({@code ./archive run}) is answered first, and the processor
 * still uses every idle core. Java's own thread priorities do nothing on Linux without root, so
 * the thread renices its own task id, which any user may do for a higher nice value. Where there
 * is no {@code /proc/thread-self} or no {@code renice} the thread keeps its priority, which costs
 * latency, never correctness.
 */
final class ThreadNiceness {
    private static final Logger LOG = LoggerFactory.getLogger(ThreadNiceness.class);
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");

    private ThreadNiceness() {
    }

    /** Sets the calling thread's nice value to {@code nice} (1-19); 0 leaves it alone. */
    static void lowerCurrentThread(int nice) {
        if (nice <= 0 || !Files.isSymbolicLink(THREAD_SELF)) {
            return;
        }
        try {
            // The link reads <pid>/task/<tid>: the id the kernel schedules this thread by.
            String tid = Files.readSymbolicLink(THREAD_SELF).getFileName().toString();
            Process renice = new ProcessBuilder("renice", "-n", Integer.toString(nice), "-p", tid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!renice.waitFor(5, TimeUnit.SECONDS)) {
                renice.destroyForcibly();
                LOG.debug("renice of thread {} did not finish; it keeps its priority", tid);
            } else if (renice.exitValue() != 0) {
                LOG.debug("renice of thread {} failed ({}); it keeps its priority", tid, renice.exitValue());
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot lower the priority of {}: {}", Thread.currentThread().getName(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
