package media.archive.api.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class CommitDataTest {

    @Test
    void reads_back_the_offsets_it_wrote_whatever_colons_the_topic_names_hold() {
        Map<TopicPartition, Long> offsets = Map.of(
                new TopicPartition("media.uploaded", 0), 17L,
                new TopicPartition("media.uploaded", 11), 3L,
                new TopicPartition("odd:topic", 2), 40_000_000_000L);

        Map<String, String> data = CommitData.of(offsets);

        assertThat(CommitData.offsets(data.entrySet())).isEqualTo(offsets);
    }

    @Test
    void writes_the_format_of_the_documents_beside_the_offsets() {
        Map<String, String> data = CommitData.of(Map.of(new TopicPartition("media.processed", 1), 5L));

        assertThat(data).containsExactly(
                Map.entry(CommitData.FORMAT_KEY, CommitData.FORMAT),
                Map.entry("offset:media.processed:1", "5"));
    }

    @Test
    void a_commit_without_offsets_resumes_from_none() {
        assertThat(CommitData.offsets(null)).isEmpty();
        assertThat(CommitData.offsets(Map.of(CommitData.FORMAT_KEY, "6").entrySet())).isEmpty();
    }
}
