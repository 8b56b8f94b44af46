package media.archive.standalone;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import media.archive.platform.config.Settings;
import media.archive.processor.FileRenderer;
import media.archive.processor.ProcessorConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./archive render --out DIR FILE...}: the renditions of local files, made by the
 * processor's own code ({@link FileRenderer}) and its {@code PROCESSOR_*} settings, with no
 * service running. Prints one line per file with the time it took; exits 1 when any file failed.
 */
@Command(name = "render", description = "Make the renditions of image files into a directory, as the processor does.")
final class RenderCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "directory for <file name>.<rendition>.jpg")
    Path out;

    @Option(names = "--threads", paramLabel = "N",
            description = "files rendered at once (default: one per processor core)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "the images to render")
    List<Path> files;

    @Override
    public Integer call() throws InterruptedException {
        // Renditions are drawn with Java 2D, which needs no display.
        System.setProperty("java.awt.headless", "true");
        ProcessorConfig config = ProcessorConfig.from(Settings.fromEnvironment());
        FileRenderer renderer = new FileRenderer(config);
        PrintStream stdout = System.out;
        long start = System.nanoTime();
        int workers = Math.max(1, Math.min(threads, files.size()));
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        int failed = 0;
        try {
            List<Future<Line>> lines = new ArrayList<>();
            for (Path file : files) {
                lines.add(pool.submit(() -> {
                    Line line = line(renderer, file);
                    synchronized (stdout) {
                        stdout.println(line.text());
                    }
                    return line;
                }));
            }
            for (Future<Line> line : lines) {
                try {
                    if (!line.get().ok()) {
                        failed++;
                    }
                } catch (ExecutionException e) {
                    failed++;
                    stdout.println("failed: " + e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        stdout.printf("%d file(s), %d failed, in %d ms with %d thread(s): %.2f images/s%n", files.size(), failed,
                took.toMillis(), workers, files.size() / Math.max(1e-9, took.toNanos() / 1e9));
        return failed == 0 ? 0 : 1;
    }

    /** What to print for one file, and whether it was rendered. */
    private record Line(boolean ok, String text) {
    }

    private Line line(FileRenderer renderer, Path file) {
        FileRenderer.Result result;
        try {
            result = renderer.render(file, out);
        } catch (IOException e) {
            return new Line(false, file + "  failed  cannot read or write: " + e);
        }
        long ms = result.took().toMillis();
        if (!result.ok()) {
            return new Line(false, String.format("%s  failed  %s  (%d ms)", file, result.failure(), ms));
        }
        return new Line(true, String.format("%s  %dx%d  %d renditions  %s  %d ms", file, result.width(), result.height(),
                result.written().size(), result.appearance().dominantColor(), ms));
    }
}
