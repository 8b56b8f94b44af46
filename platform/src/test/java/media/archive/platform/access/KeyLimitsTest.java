package media.archive.platform.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import media.archive.platform.access.KeyLimits.Budget;
import media.archive.platform.config.Settings;
import media.archive.platform.http.ApiException;
import org.junit.jupiter.api.Test;

class KeyLimitsTest {
    private static final Principal DESK = new Principal("desk", Role.EDITOR);
    private static final Principal AGENCY = new Principal("agency feed", Role.EDITOR);

    @Test
    void a_holder_gets_its_allowance_then_429_with_the_seconds_to_wait() {
        KeyLimits limits = KeyLimits.of(Budget.UPLOAD, 3);
        for (int i = 0; i < 3; i++) {
            limits.spend(DESK, Budget.UPLOAD);
        }

        ApiException refused = catchThrowableOfType(() -> limits.spend(DESK, Budget.UPLOAD), ApiException.class);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.error()).isEqualTo("too-many-requests");
        assertThat(refused.getMessage()).contains("3 uploads per minute");
        // Three per minute: the next token comes 20 s after the first was spent.
        assertThat(Integer.parseInt(refused.headers().get("Retry-After"))).isBetween(19, 20);
    }

    @Test
    void holders_and_budgets_do_not_share_an_allowance() {
        KeyLimits limits = KeyLimits.of(Budget.SEARCH, 1);
        limits.spend(DESK, Budget.SEARCH);

        assertThatCode(() -> limits.spend(AGENCY, Budget.SEARCH)).doesNotThrowAnyException();
        assertThatCode(() -> limits.spend(DESK, Budget.UPLOAD)).doesNotThrowAnyException();
        assertThat(catchThrowableOfType(() -> limits.spend(DESK, Budget.SEARCH), ApiException.class).status()).isEqualTo(429);
    }

    @Test
    void the_allowance_comes_back_over_its_period() throws InterruptedException {
        KeyLimits limits = KeyLimits.of(Budget.SEARCH, 10);
        for (int i = 0; i < 10; i++) {
            limits.spend(DESK, Budget.SEARCH);
        }
        assertThat(catchThrowableOfType(() -> limits.spend(DESK, Budget.SEARCH), ApiException.class)).isNotNull();

        // Ten per second: one more every 100 ms.
        Thread.sleep(250);

        assertThatCode(() -> limits.spend(DESK, Budget.SEARCH)).doesNotThrowAnyException();
    }

    @Test
    void the_operator_sets_the_limits_and_zero_turns_one_off() {
        KeyLimits limits = KeyLimits.from(Settings.of(Map.of("ARCHIVE_SEARCHES_PER_SECOND", "2", "ARCHIVE_UPLOADS_PER_MINUTE", "0")));
        for (int i = 0; i < 5_000; i++) {
            limits.spend(DESK, Budget.UPLOAD);
        }
        limits.spend(DESK, Budget.SEARCH);
        limits.spend(DESK, Budget.SEARCH);

        assertThat(catchThrowableOfType(() -> limits.spend(DESK, Budget.SEARCH), ApiException.class).status()).isEqualTo(429);
    }

    @Test
    void by_default_a_holder_may_search_fifty_times_a_second() {
        KeyLimits limits = KeyLimits.from(Settings.of(Map.of()));
        for (int i = 0; i < 50; i++) {
            limits.spend(DESK, Budget.SEARCH);
        }

        assertThat(catchThrowableOfType(() -> limits.spend(DESK, Budget.SEARCH), ApiException.class).status()).isEqualTo(429);
    }

    @Test
    void without_limits_nothing_is_refused() {
        KeyLimits limits = KeyLimits.none();

        assertThatCode(() -> {
            for (int i = 0; i < 10_000; i++) {
                limits.spend(DESK, Budget.SEARCH);
            }
        }).doesNotThrowAnyException();
    }
}
