package media.archive.processor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import media.archive.contracts.ImageMetadata;
import media.archive.processor.metadata.MetadataReader;
import media.archive.processor.rendition.RenditionMaker;
import media.archive.processor.rendition.RenditionSet;
import media.archive.processor.rendition.RenditionSpec;

/**
 * A benchmark, not a test: reads the metadata and makes the default renditions of every image in
 * a directory, several rounds, and prints the median time per image and per round. See the
 * module's README for how to run it.
 *
 * <p>Arguments: the directory (default {@code ../shared/corpus/large}), the number of rounds
 * (default 5; the first warms the JIT up and is not counted) and the renditions as
 * {@code name:longEdge,...} (default {@code thumb:256,medium:1024}).
 */
public final class RenditionBenchmark {
    private RenditionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/corpus/large");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<Path> images;
        try (Stream<Path> files = Files.list(dir)) {
            images = files.filter(Files::isRegularFile).sorted().toList();
        }
        MetadataReader reader = new MetadataReader();
        List<RenditionSpec> specs = args.length > 2
                ? Arrays.stream(args[2].split(",")).map(RenditionSpec::parse).toList()
                : ProcessorConfig.DEFAULT_RENDITIONS;
        RenditionMaker maker = new RenditionMaker(specs, 150_000_000L, 0.82f);
        long[][] millis = new long[images.size()][rounds];
        long[] roundMillis = new long[rounds];
        for (int round = 0; round < rounds; round++) {
            long roundStart = System.nanoTime();
            for (int i = 0; i < images.size(); i++) {
                long start = System.nanoTime();
                ImageMetadata metadata = reader.read(images.get(i));
                RenditionSet set = maker.make(images.get(i), metadata.orientation());
                millis[i][round] = (System.nanoTime() - start) / 1_000_000;
                if (round == 0) {
                    System.out.printf("%-45s %5d x %-5d -> %s%n", images.get(i).getFileName(), set.width(), set.height(),
                            set.renditions().stream().map(r -> r.name() + " " + r.width() + "x" + r.height()).toList());
                }
            }
            roundMillis[round] = (System.nanoTime() - roundStart) / 1_000_000;
        }
        System.out.println();
        for (int i = 0; i < images.size(); i++) {
            System.out.printf("%-45s median %4d ms%n", images.get(i).getFileName(), median(millis[i]));
        }
        System.out.printf("%d images, median round %d ms (%d counted after one warm-up)%n",
                images.size(), median(roundMillis), rounds - 1);
    }

    /** The median of every value but the first (the warm-up). */
    private static long median(long[] values) {
        long[] counted = values.length > 1 ? Arrays.copyOfRange(values, 1, values.length) : values.clone();
        Arrays.sort(counted);
        return counted[counted.length / 2];
    }
}
