package media.archive.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ThreadNicenessTest {

    @Test
    void lowers_the_calling_thread_alone() throws Exception {
        assumeTrue(Files.isSymbolicLink(Path.of("/proc/thread-self")), "Linux only");
        int before = niceOfThisThread();
        AtomicInteger after = new AtomicInteger(-100);
        Thread thread = new Thread(() -> {
            ThreadNiceness.lowerCurrentThread(before + 5);
            after.set(niceOfThisThread());
        });
        thread.start();
        thread.join();

        assertThat(after.get()).isEqualTo(before + 5);
        assertThat(niceOfThisThread()).isEqualTo(before);
    }

    /** Field 19 of proc(5)'s stat line, counted after the parenthesised command name. */
    private static int niceOfThisThread() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(fields[16]);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
