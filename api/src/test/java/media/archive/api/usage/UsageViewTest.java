package media.archive.api.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageUsage;
import media.archive.platform.config.KafkaSettings;
import media.archive.platform.kafka.KafkaClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The view's arithmetic, without a broker: totals applied as the topic or a flush hands them over. */
class UsageViewTest {
    private static final ImageId HARBOUR = new ImageId("a".repeat(64));
    private static final ImageId MARKET = new ImageId("b".repeat(64));
    private static final Instant MORNING = Instant.parse("2026-12-03T08:00:00Z");

    // Never started: its consumer connects to nothing.
    private final UsageView view = new UsageView(KafkaClients.consumer(new KafkaSettings("127.0.0.1:9", "usage-view-test"), Map.of()));

    @AfterEach
    void close() {
        view.close();
    }

    @Test
    void the_replicas_of_a_site_are_summed_and_sites_listed_most_recent_first() {
        view.apply(total(HARBOUR, "https://news.example", "r1", 0, 60, 5));
        view.apply(total(HARBOUR, "https://news.example", "r2", 30, 120, 2));
        view.apply(total(HARBOUR, "https://blog.example", "r1", 0, 90, 1));

        assertThat(view.of(HARBOUR)).containsExactly(
                new Usage(HARBOUR, "https://news.example", MORNING, MORNING.plusSeconds(120), 7),
                new Usage(HARBOUR, "https://blog.example", MORNING, MORNING.plusSeconds(90), 1));
        assertThat(view.of(MARKET)).isEmpty();
    }

    @Test
    void a_total_read_twice_or_late_changes_nothing() {
        ImageUsage earlier = total(HARBOUR, "https://news.example", "r1", 0, 60, 5);
        ImageUsage later = total(HARBOUR, "https://news.example", "r1", 0, 180, 9);
        view.apply(later);
        view.apply(earlier);
        view.apply(later);

        assertThat(view.of(HARBOUR)).containsExactly(new Usage(HARBOUR, "https://news.example", MORNING, MORNING.plusSeconds(180), 9));
        assertThat(view.totalOf(HARBOUR, "https://news.example", "r1")).isEqualTo(later);
        assertThat(view.totalOf(HARBOUR, "https://news.example", "r2")).isNull();
    }

    @Test
    void the_listing_takes_a_host_with_its_subdomains_a_time_and_a_limit() {
        view.apply(total(HARBOUR, "https://www.news.example", "r1", 0, 60, 5));
        view.apply(total(MARKET, "https://news.example:8443", "r1", 0, 300, 1));
        view.apply(total(MARKET, "https://badnews.example", "r1", 0, 600, 3));

        assertThat(view.list("news.example", null, 10).usages()).extracting(Usage::site)
                .containsExactly("https://news.example:8443", "https://www.news.example");
        assertThat(view.list("news.example", MORNING.plusSeconds(120), 10).usages()).extracting(Usage::site)
                .containsExactly("https://news.example:8443");
        assertThat(view.list(null, null, 10).usages()).hasSize(3);
        UsageView.Listing first = view.list(null, null, 1);
        assertThat(first.usages()).extracting(Usage::site).containsExactly("https://badnews.example");
        assertThat(first.truncated()).isTrue();
    }

    @Test
    void the_pictures_used_on_a_host_are_those_with_a_site_on_it_or_a_subdomain() {
        ImageId unused = new ImageId("c".repeat(64));
        view.apply(total(HARBOUR, "https://www.news.example", "r1", 0, 60, 5));
        view.apply(total(MARKET, "https://badnews.example", "r1", 0, 600, 3));
        view.apply(total(MARKET, "https://blog.example", "r2", 0, 600, 1));

        assertThat(view.usedOn("news.example")).containsExactly(HARBOUR);
        assertThat(view.usedOn("https://BLOG.example/post")).containsExactly(MARKET);
        assertThat(view.usedOn("ews.example")).isEmpty();
        assertThat(view.usedOn("not a host")).isEmpty();
        assertThat(view.usedOn(null)).containsExactlyInAnyOrder(HARBOUR, MARKET).doesNotContain(unused);
    }

    private static ImageUsage total(ImageId id, String site, String replica, int first, int last, long count) {
        return new ImageUsage(id, site, replica, MORNING.plusSeconds(first), MORNING.plusSeconds(last), count);
    }
}
