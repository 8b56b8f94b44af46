package media.archive.processor;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import media.archive.contracts.ImageFailed;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How many times the processor has tried the record at each partition's committed offset, kept in
 * memory and in the metadata of that offset's commit. An attempt is committed before it starts
 * (marked in flight) so that one the processor never came back from (the JVM crashed in a native
 * decoder, the OOM killer, {@code kill -9}, a hang ended by a restart) still counts for whoever
 * gets the partition next; without it such an image would crash every processor in turn, forever.
 *
 * <p>Used by one consumer's thread only.
 */
final class Attempts {
    /** Why an attempt that was in flight when its processor went away ended, for the dead letter. */
    static final String VANISHED = "the processor stopped during an attempt at it (crashed, killed or hung) and never answered";

    /**
     * What is known of the record at {@code offset}: {@code count} attempts ended badly (or never
     * ended), the last with {@code reason} (an {@code ImageFailed} code) and {@code message}.
     */
    record Tried(long offset, int count, String reason, String message) {
        Tried {
            if (count < 0) {
                throw new IllegalArgumentException("count must not be negative");
            }
            reason = reason == null ? "" : reason;
            message = message == null ? "" : message;
        }

        static Tried none(long offset) {
            return new Tried(offset, 0, "", "");
        }

        /**
         * The commit metadata saying this record has had {@code count} attempts and, when
         * {@code inFlight}, that one more has begun; well inside the broker's 4096-byte limit.
         */
        String metadata(boolean inFlight) {
            String text = message.length() > 300 ? message.substring(0, 300) : message;
            return "attempts=" + count + (inFlight ? ";in-flight" : "") + ";reason=" + reason + ";message=" + text;
        }

        /** The record at a committed offset, from the commit's metadata; an attempt left in flight counts. */
        static Tried fromCommit(OffsetAndMetadata committed) {
            String metadata = committed.metadata();
            if (metadata == null || !metadata.startsWith("attempts=")) {
                return none(committed.offset());
            }
            try {
                int countEnd = metadata.indexOf(';');
                int count = Integer.parseInt(metadata.substring("attempts=".length(), countEnd < 0 ? metadata.length() : countEnd));
                boolean inFlight = metadata.contains(";in-flight;");
                int reasonAt = metadata.indexOf(";reason=");
                int messageAt = metadata.indexOf(";message=");
                String reason = reasonAt < 0 || messageAt < reasonAt ? "" : metadata.substring(reasonAt + 8, messageAt);
                String message = messageAt < 0 ? "" : metadata.substring(messageAt + 9);
                return inFlight
                        ? new Tried(committed.offset(), count + 1, reason.isEmpty() ? ImageFailed.PROCESSING_ERROR : reason, VANISHED)
                        : new Tried(committed.offset(), count, reason, message);
            } catch (RuntimeException e) {
                // Metadata another program wrote: nothing to count.
                return none(committed.offset());
            }
        }
    }

    private final Map<TopicPartition, Tried> tried = new HashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();

    /** Takes what the group's commits say of newly assigned {@code partitions} (null entries: never committed). */
    void assigned(Map<TopicPartition, OffsetAndMetadata> commits) {
        commits.forEach((partition, commit) -> {
            if (commit != null) {
                committed.put(partition, commit);
                tried.put(partition, Tried.fromCommit(commit));
            }
        });
    }

    /** Forgets a partition this consumer no longer owns. */
    void revoked(TopicPartition partition) {
        tried.remove(partition);
        committed.remove(partition);
    }

    /** What is known of the record at {@code offset} of {@code partition}. */
    Tried at(TopicPartition partition, long offset) {
        Tried known = tried.get(partition);
        return known != null && known.offset() == offset ? known : Tried.none(offset);
    }

    /** Records that an attempt at the record ended badly; {@code next} comes from {@link #at}. */
    void failed(TopicPartition partition, Tried next) {
        tried.put(partition, Objects.requireNonNull(next, "next"));
    }

    /**
     * The commit that marks an attempt at {@code offset} in flight, or null when the group already
     * holds exactly it (Kafka was away when the last try was taken back).
     */
    OffsetAndMetadata beginning(TopicPartition partition, long offset) {
        OffsetAndMetadata commit = new OffsetAndMetadata(offset, at(partition, offset).metadata(true));
        return commit.equals(committed.get(partition)) ? null : commit;
    }

    /** The commit that takes an in-flight mark back: the attempt did not end, through no fault of the file's. */
    OffsetAndMetadata withdrawing(TopicPartition partition, long offset) {
        return new OffsetAndMetadata(offset, at(partition, offset).metadata(false));
    }

    /** Remembers what the group now holds for {@code partition}, once the commit succeeded. */
    void committed(TopicPartition partition, OffsetAndMetadata commit) {
        committed.put(partition, commit);
        Tried known = tried.get(partition);
        if (known != null && known.offset() != commit.offset()) {
            tried.remove(partition); // the partition moved past that record
        }
    }
}
