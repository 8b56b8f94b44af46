package media.archive.api.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import media.archive.api.index.ArchiveAnalyzer;
import media.archive.api.index.Events;
import media.archive.contracts.ImageId;
import org.junit.jupiter.api.Test;

/** Cache keys that hold the ids of used pictures weigh what those ids take, so the caches stay within their bounds. */
class QueryBytesTest {
    private final Set<ImageId> used = new HashSet<>();
    private final QueryLanguage parser = new QueryLanguage(new ArchiveAnalyzer(), id -> Optional.empty(), Clock.systemUTC(),
            host -> used);

    @Test
    void a_query_of_words_weighs_nothing_beyond_itself() {
        assertThat(QueryBytes.of(parser.parse("flood by:\"tran trung\" -rain").query())).isZero();
    }

    @Test
    void the_ids_of_used_pictures_weigh_at_least_their_bytes_in_a_filter_or_a_negation() {
        for (int i = 0; i < 1000; i++) {
            used.add(Events.id("used " + i));
        }

        assertThat(QueryBytes.of(parser.parse("flood used:news.example").query())).isGreaterThan(1000 * 32);
        assertThat(QueryBytes.of(parser.parse("is:unused").query())).isGreaterThan(1000 * 32);
        assertThat(QueryBytes.of(parser.parse("flood -is:used").query())).isGreaterThan(1000 * 32);
    }
}
