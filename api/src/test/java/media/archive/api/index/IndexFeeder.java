package media.archive.api.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import media.archive.contracts.ImageEdited;
import media.archive.contracts.ImageEvent;
import media.archive.contracts.ImageUploaded;
import media.archive.contracts.Json;
import media.archive.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Feeds events to an {@link ImageIndex} as the loop would, without Kafka: each event becomes a
 * record on its topic's partition 0 at the next offset.
 */
public final class IndexFeeder {
    private final ImageIndex index;
    private final Map<String, Long> nextOffsets = new HashMap<>();

    public IndexFeeder(ImageIndex index) {
        this.index = index;
    }

    /** Applies {@code events} as one batch, committed. */
    public void feed(ImageEvent... events) {
        apply(batch(events));
    }

    /** Stages {@code events} as one batch, neither committed nor visible yet (as the loop does while catching up). */
    void stage(ImageEvent... events) {
        try {
            index.stage(batch(events));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<ConsumerRecord<String, byte[]>> batch(ImageEvent... events) {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
        for (ImageEvent event : events) {
            String topic = event instanceof ImageUploaded ? Topics.UPLOADED
                    : event instanceof ImageEdited ? Topics.EDITS : Topics.PROCESSED;
            batch.add(record(topic, event.id().value(), Json.toBytes(event)));
        }
        return batch;
    }

    /** A record of {@code value} on {@code topic}, at the topic's next offset. */
    ConsumerRecord<String, byte[]> record(String topic, String key, byte[] value) {
        long offset = nextOffsets.merge(topic, 1L, Long::sum) - 1;
        return new ConsumerRecord<>(topic, 0, offset, key, value);
    }

    ImageIndex.BatchOutcome apply(List<ConsumerRecord<String, byte[]>> batch) {
        try {
            return index.apply(batch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
