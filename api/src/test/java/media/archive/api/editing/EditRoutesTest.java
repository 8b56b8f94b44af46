package media.archive.api.editing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import media.archive.platform.http.ApiException;
import org.junit.jupiter.api.Test;

class EditRoutesTest {

    @Test
    void if_match_names_a_version_as_the_etag_gives_it_or_any_version() {
        assertThat(EditRoutes.expectedVersion("\"3\"")).isEqualTo(OptionalInt.of(3));
        assertThat(EditRoutes.expectedVersion("W/\"12\"")).isEqualTo(OptionalInt.of(12));
        assertThat(EditRoutes.expectedVersion("0")).isEqualTo(OptionalInt.of(0));
        assertThat(EditRoutes.expectedVersion(null)).isEmpty();
        assertThat(EditRoutes.expectedVersion("*")).isEmpty();
        for (String bad : List.of("\"-1\"", "\"v3\"", "\"99999999999\"", "\"1\", \"2\"")) {
            assertThatThrownBy(() -> EditRoutes.expectedVersion(bad)).as(bad)
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }

    @Test
    void a_body_is_a_json_object_of_at_least_one_field_read_in_its_order() {
        assertThat(EditRoutes.changes(bytes("{\"headline\":\"H\",\"keywords\":[\"a\",\"b\"],\"credit\":\"\"}")))
                .containsExactly(java.util.Map.entry("headline", "H"), java.util.Map.entry("keywords", List.of("a", "b")),
                        java.util.Map.entry("credit", ""));
        for (String bad : List.of("", "{", "[]", "{}", "null", "42")) {
            assertThatThrownBy(() -> EditRoutes.changes(bytes(bad))).as(bad)
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
