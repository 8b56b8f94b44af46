package media.archive.api.index;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;

/**
 * What each Lucene commit of the index holds beside its documents: the format of those documents
 * and the Kafka offset after the last event applied per partition, as the commit's user data
 * ({@code archive.index.format = 7}, {@code offset:<topic>:<partition> = <offset>}). Documents
 * and offsets committed together are what makes the index exactly-once. Stateless, thread-safe.
 */
final class CommitData {
    /**
     * The shape of the documents. When it changes (a new field, events that were ignored
     * before), an index of another format is rebuilt from the topics beside the old one, which
     * answers searches until the new one has caught up.
     */
    static final String FORMAT = "8";
    static final String FORMAT_KEY = "archive.index.format";
    private static final String OFFSET_PREFIX = "offset:";

    private CommitData() {
    }

    /** The user data of a commit of this format holding {@code offsets}. */
    static Map<String, String> of(Map<TopicPartition, Long> offsets) {
        Map<String, String> data = new TreeMap<>();
        data.put(FORMAT_KEY, FORMAT);
        offsets.forEach((tp, offset) -> data.put(OFFSET_PREFIX + tp.topic() + ":" + tp.partition(), Long.toString(offset)));
        return data;
    }

    /** The offsets held by a commit's user data; empty when there is none. */
    static Map<TopicPartition, Long> offsets(Iterable<Map.Entry<String, String>> commitData) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        if (commitData == null) {
            return Map.of();
        }
        for (Map.Entry<String, String> entry : commitData) {
            String key = entry.getKey();
            if (!key.startsWith(OFFSET_PREFIX)) {
                continue;
            }
            int colon = key.lastIndexOf(':');
            String topic = key.substring(OFFSET_PREFIX.length(), colon);
            offsets.put(new TopicPartition(topic, Integer.parseInt(key.substring(colon + 1))), Long.parseLong(entry.getValue()));
        }
        return Map.copyOf(offsets);
    }

    /** The format of the last commit of the index in {@code directory}, null when it has none; the directory must hold an index. */
    static String format(Directory directory) throws IOException {
        return SegmentInfos.readLatestCommit(directory).getUserData().get(FORMAT_KEY);
    }
}
