package media.archive.api.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageMetadata;
import media.archive.contracts.ImageRecord;
import org.junit.jupiter.api.Test;

class PublicAccessTest {
    private static final Instant UNTIL = Instant.parse("2026-12-04T06:00:00Z");
    private static final ImageId ID = ImageId.fromDigest(new byte[32]);

    private static PublicAccess at(Instant now) {
        return new PublicAccess(Clock.fixed(now, ZoneOffset.UTC));
    }

    private static ImageRecord record(Instant embargoUntil, String withheld) {
        ImageMetadata metadata = ImageMetadata.builder().embargoUntil(embargoUntil).withheld(withheld).build();
        return new ImageRecord(ID, ImageRecord.READY, null, UNTIL.minusSeconds(86_400), "tran", "a.jpg", "image/jpeg",
                10L, metadata, null, null, 0, null, null);
    }

    @Test
    void a_picture_without_embargo_or_withholding_is_open() {
        assertThat(at(UNTIL).open(record(null, null))).isTrue();
    }

    @Test
    void before_the_embargo_passes_the_picture_is_refused_with_its_end_and_the_seconds_to_wait() {
        PublicAccess access = at(UNTIL.minusMillis(90_500));

        assertThat(access.open(record(UNTIL, null))).isFalse();
        assertThatThrownBy(() -> access.check(record(UNTIL, null)))
                .isInstanceOfSatisfying(PictureRefused.class, refused -> {
                    assertThat(refused.status()).isEqualTo(403);
                    assertThat(refused.error()).isEqualTo("embargoed");
                    assertThat(refused.details()).containsEntry("until", "2026-12-04T06:00:00Z");
                    assertThat(refused.headers()).containsEntry("Retry-After", "91").containsEntry("Cache-Control", "no-store");
                });
    }

    @Test
    void a_millisecond_before_the_embargo_passes_the_client_is_told_to_wait_a_second() {
        assertThatThrownBy(() -> at(UNTIL.minusMillis(1)).check(record(UNTIL, null)))
                .isInstanceOfSatisfying(PictureRefused.class, refused ->
                        assertThat(refused.headers()).containsEntry("Retry-After", "1"));
    }

    @Test
    void at_the_instant_of_the_embargo_and_after_it_the_picture_is_open() {
        at(UNTIL).check(record(UNTIL, null));
        at(UNTIL.plusSeconds(1)).check(record(UNTIL, null));

        assertThat(at(UNTIL).open(record(UNTIL, null))).isTrue();
    }

    @Test
    void a_withheld_picture_is_refused_with_451_without_its_reason() {
        assertThatThrownBy(() -> at(UNTIL).check(record(null, "court order 2026/114")))
                .isInstanceOfSatisfying(PictureRefused.class, refused -> {
                    assertThat(refused.status()).isEqualTo(451);
                    assertThat(refused.error()).isEqualTo("withheld");
                    assertThat(refused.getMessage()).doesNotContain("court");
                    assertThat(refused.headers()).containsEntry("Cache-Control", "no-store").doesNotContainKey("Retry-After");
                });
    }

    @Test
    void withholding_wins_over_an_embargo_before_and_after_it_passes() {
        for (Instant now : new Instant[] {UNTIL.minusSeconds(60), UNTIL.plusSeconds(60)}) {
            assertThat(at(now).open(record(UNTIL, "court order"))).isFalse();
            assertThatThrownBy(() -> at(now).check(record(UNTIL, "court order")))
                    .isInstanceOfSatisfying(PictureRefused.class, refused -> assertThat(refused.status()).isEqualTo(451));
        }
    }

    @Test
    void a_page_leaving_out_an_embargoed_picture_is_told_the_seconds_until_it_is_free_and_never_for_others() {
        assertThat(at(UNTIL.minusMillis(90_500)).secondsUntilOpen(record(UNTIL, null))).isEqualTo(91);
        assertThat(at(UNTIL).secondsUntilOpen(record(UNTIL, null))).isEqualTo(Long.MAX_VALUE);
        assertThat(at(UNTIL.minusSeconds(60)).secondsUntilOpen(record(UNTIL, "court order"))).isEqualTo(Long.MAX_VALUE);
        assertThat(at(UNTIL).secondsUntilOpen(record(null, null))).isEqualTo(Long.MAX_VALUE);
    }
}
