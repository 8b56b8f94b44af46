package media.archive.processor;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.coobird.thumbnailator.Thumbnails;

/**
 * The straightforward way to make renditions, as a peer for the benchmark
 * ({@code processor/bench/renditions.sh}): {@code Thumbnails.of(file).size(s, s)} once per size,
 * each decoding the original again at full size. Arguments: output directory, threads, images.
 */
public final class ThumbnailatorBaseline {
    private static final int[] SIZES = {2048, 1024, 512, 256};

    private ThumbnailatorBaseline() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path out = Files.createDirectories(Path.of(args[0]));
        int threads = Integer.parseInt(args[1]);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> work = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            File file = new File(args[i]);
            work.add(pool.submit(() -> {
                for (int size : SIZES) {
                    Thumbnails.of(file).size(size, size).outputQuality(0.82f).outputFormat("jpg")
                            .toFile(out.resolve(file.getName() + "." + size + ".jpg").toFile());
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
    }
}
