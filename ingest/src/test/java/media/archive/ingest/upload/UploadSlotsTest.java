package media.archive.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import media.archive.platform.http.ApiException;
import org.junit.jupiter.api.Test;

class UploadSlotsTest {
    @Test
    void refuses_a_key_over_its_share_with_429_and_others_still_get_slots() {
        UploadSlots slots = new UploadSlots(10, 2);
        slots.take("julie");
        slots.take("julie");

        assertThatThrownBy(() -> slots.take("julie")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.headers()).containsEntry("Retry-After", "2");
        });
        assertThat(slots.take("tran")).isNotNull();
        assertThat(slots.taken()).isEqualTo(3);
    }

    @Test
    void refuses_anyone_with_503_when_every_slot_is_taken() {
        UploadSlots slots = new UploadSlots(2, 2);
        slots.take("julie");
        slots.take("tran");

        assertThatThrownBy(() -> slots.take("someone else")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.error()).isEqualTo("busy");
            assertThat(e.headers()).containsKey("Retry-After");
        });
    }

    @Test
    void a_slot_given_back_twice_frees_only_one() {
        UploadSlots slots = new UploadSlots(2, 1);
        UploadSlots.Slot first = slots.take("julie");
        slots.take("tran");

        first.close();
        first.close();

        assertThat(slots.taken()).isEqualTo(1);
        assertThat(slots.take("julie")).isNotNull();
        assertThatThrownBy(() -> slots.take("julie")).isInstanceOf(ApiException.class);
    }
}
