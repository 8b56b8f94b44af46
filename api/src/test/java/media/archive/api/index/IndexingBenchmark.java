package media.archive.api.index;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import media.archive.api.SearchBenchmark;
import media.archive.contracts.ImageEvent;
import media.archive.contracts.ImageUploaded;
import media.archive.contracts.Json;
import media.archive.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.lucene.util.IOUtils;

/**
 * A benchmark, not a test: the api's side of a rebuild without Kafka. Makes the search
 * benchmark's images, then times applying them to an empty index in polls of 5,000 records
 * (uploads and outcomes in step, as {@link PartitionAlignment} reads them), committing as the
 * loop does while catching up. Prints images per second and per CPU-second of the process.
 *
 * <p>Arguments: images (default 200,000), rounds (default 3; each on a fresh index).
 */
public final class IndexingBenchmark {
    private static final int POLL = 5_000;
    private static final int COMMIT_EVERY = 250_000;

    private IndexingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int images = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(2 * images);
        Random random = new Random(42);
        long[] offsets = new long[2];
        for (int i = 0; i < images; i++) {
            for (ImageEvent event : SearchBenchmark.events(random, i)) {
                int topic = event instanceof ImageUploaded ? 0 : 1;
                records.add(new ConsumerRecord<>(topic == 0 ? Topics.UPLOADED : Topics.PROCESSED, 0, offsets[topic]++,
                        event.id().value(), Json.toBytes(event)));
            }
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int round = 1; round <= rounds; round++) {
            Path dir = Files.createTempDirectory("indexing-benchmark");
            long cpuStart = os.getProcessCpuTime();
            long start = System.nanoTime();
            try (ImageIndex index = ImageIndex.open(dir.resolve("index"))) {
                for (int from = 0; from < records.size(); from += POLL) {
                    index.stage(records.subList(from, Math.min(records.size(), from + POLL)));
                    if (index.stagedImages() >= COMMIT_EVERY) {
                        index.commit();
                    }
                }
                index.commit();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpuStart) / 1e9;
            System.out.printf("round %d: %,d images in %.1f s: %,.0f images/s (%,.0f events/s); %.1f CPU-s, %,.0f images per CPU-second%n",
                    round, images, seconds, images / seconds, 2 * images / seconds, cpu, images / cpu);
            IOUtils.rm(dir);
        }
    }
}
